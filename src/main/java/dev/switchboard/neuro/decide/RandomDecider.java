package dev.switchboard.neuro.decide;

import dev.switchboard.concurrent.Workers;
import dev.switchboard.neuro.diagnostics.DiagnosticCode;
import dev.switchboard.neuro.game.Action;
import dev.switchboard.neuro.game.GameSession;
import dev.switchboard.neuro.schema.DataGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Random;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/** Like Randy: after a short delay, one of the forced actions with data made up from its schema. */
@ApplicationScoped
public class RandomDecider implements Decider {
    public static final String NAME = "random";

    @Inject
    Workers workers;

    @Inject
    @ConfigProperty(name = "switchboard.neuro.random-delay-ms", defaultValue = "500")
    long delayMillis;

    private final Random random = new Random();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void decide(GameSession session, GameSession.PendingForce force) {
        try {
            // The timer only hands over: making up and validating data is work for the executor, not
            // for the scheduler thread that also runs every timeout.
            workers.scheduler().schedule(() -> handOver(session, force), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The timers refuse only once they are shut down: choose now rather than leave the force waiting.
            chooseNow(session, force);
        }
    }

    /** On the timer thread: to a worker, or here if none is free (a refusal there would be lost silently). */
    void handOver(GameSession session, GameSession.PendingForce force) {
        try {
            workers.executor().execute(() -> chooseNow(session, force));
        } catch (RejectedExecutionException saturated) {
            chooseNow(session, force);
        }
    }

    /** Chooses at once (also the agent decider's fallback). */
    public void chooseNow(GameSession session, GameSession.PendingForce asked) {
        try {
            // The force may have shrunk since the choice was asked for: choose from what it allows now.
            for (int attempt = 0; attempt < 5; attempt++) {
                GameSession.PendingForce force = session.choosing(asked);
                if (force == null) {
                    return;
                }
                List<String> names = force.actionNames();
                String name = names.get(random.nextInt(names.size()));
                Action action = session.action(name);
                if (action == null) {
                    continue;
                }
                DataGenerator.Generated generated = new DataGenerator(random).generate(action.schema());
                if (!generated.valid()) {
                    session.warn(DiagnosticCode.DECIDER_PROBLEM, "could not make up valid data for '" + name + "' (" + generated.problems().get(0)
                            + "); sending the closest attempt");
                }
                if (session.choose(force, name, GameSession.dataText(generated.data()))) {
                    return;
                }
            }
            session.abandon(asked, "the random decider could not choose");
        } catch (RuntimeException e) {
            session.abandon(asked, "the random decider failed (" + e + ")");
        }
    }
}
