package dev.switchboard.neuro.decide;

import dev.switchboard.neuro.game.GameSession;

/**
 * Chooses an action for a pending force and answers through {@link GameSession#choose}. Called under
 * the session's lock: it must only schedule or submit work, never block.
 */
public interface Decider {
    String name();

    void decide(GameSession session, GameSession.PendingForce force);
}
