package dev.switchboard.neuro.decide;

import dev.switchboard.neuro.game.GameSession;
import jakarta.enterprise.context.ApplicationScoped;

/** Like Tony: a force waits in the console until the operator answers it ({@code answer_force}). */
@ApplicationScoped
public class OperatorDecider implements Decider {
    public static final String NAME = "operator";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void decide(GameSession session, GameSession.PendingForce force) {
        // Nothing to do: the console shows the pending force with every update.
    }
}
