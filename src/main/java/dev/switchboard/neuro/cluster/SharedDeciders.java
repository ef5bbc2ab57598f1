package dev.switchboard.neuro.cluster;

import dev.switchboard.cluster.Grid;
import dev.switchboard.cluster.SharedMap;
import dev.switchboard.neuro.decide.DeciderChoice;
import dev.switchboard.websocket.JsonSupport;

import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * One choice of deciders for the whole cluster: a console's {@code set_decider} on any instance decides the
 * forces of every instance's games. The choice is kept in the grid's map and each change announced on a
 * topic; on every announcement (and at start) an instance adopts what the map holds then, so that two
 * changes made at once on two instances end with every instance on the same one, the last written.
 */
public final class SharedDeciders {
    private static final Logger LOG = Logger.getLogger(SharedDeciders.class.getName());
    static final String TOPIC = "neuro.deciders";
    static final String MAP = "neuro.deciders";
    static final String KEY = "choice";

    private final Grid grid;
    private final SharedMap map;
    private final Consumer<DeciderChoice> adopt;

    /** {@code adopt}: makes this instance's deciders the cluster's. */
    public SharedDeciders(Grid grid, Consumer<DeciderChoice> adopt) {
        this.grid = grid;
        this.map = grid.map(MAP);
        this.adopt = adopt;
    }

    /** Listens for changes, then takes the cluster's choice if one was made before this instance started. */
    public void start() {
        grid.subscribe(TOPIC, changed -> adoptCurrent());
        adoptCurrent();
    }

    /** A console of this instance changed the deciders: the cluster's choice is now this. */
    public void chosen(DeciderChoice choice) {
        map.put(KEY, JsonSupport.JSONB.toJson(choice));
        grid.publish(TOPIC, grid.memberId());
    }

    private void adoptCurrent() {
        String json = map.get(KEY);
        if (json == null) {
            return;
        }
        try {
            adopt.accept(JsonSupport.JSONB.fromJson(json, DeciderChoice.class));
        } catch (RuntimeException e) {
            LOG.warning("The cluster's decider choice was not adopted (" + e.getMessage() + "): " + json);
        }
    }
}
