package dev.switchboard.neuro.game;

import java.util.List;

/** An {@code actions/force} as the game sent it. */
public record ForceRequest(String state, String query, boolean ephemeralContext, String priority,
                           List<String> actionNames) {
}
