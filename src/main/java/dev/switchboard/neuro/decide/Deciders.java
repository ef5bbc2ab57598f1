package dev.switchboard.neuro.decide;

import dev.switchboard.concurrent.HandOff;
import dev.switchboard.neuro.game.GameSession;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The deciders by name, and which of them chooses for each priority ({@link DeciderChoice}). The
 * operator may switch them at run time; each change is told, in the order the changes were made.
 */
public final class Deciders {
    private final Map<String, Decider> byName;
    private volatile DeciderChoice choice;
    /** Each decider change as it was made, told in the order the changes were made. */
    private final HandOff<DeciderChoice> changes;

    /** {@code changed} is told of each change once the change is made, outside its lock. */
    private Deciders(Map<String, Decider> byName, DeciderChoice initial, Consumer<DeciderChoice> changed) {
        this.byName = Map.copyOf(byName);
        this.choice = initial;
        this.changes = new HandOff<>(changed);
    }

    /**
     * The deciders as configured: {@code defaultDecider} (random if there is no such decider) and
     * {@code byPriority} (e.g. {@code low=random,critical=operator}; none of it if a pair makes no sense).
     * {@code unused} is told what of the configuration was not used, and why.
     */
    public static Deciders configured(Iterable<Decider> beans, String defaultDecider, String byPriority,
                                      Consumer<Supplier<String>> unused, Consumer<DeciderChoice> changed) {
        Map<String, Decider> byName = new TreeMap<>();
        beans.forEach(d -> byName.put(d.name(), d));
        String decider = byName.containsKey(defaultDecider) ? defaultDecider : RandomDecider.NAME;
        if (!decider.equals(defaultDecider)) {
            unused.accept(() -> "Unknown switchboard.neuro.decider '" + defaultDecider + "', using random");
        }
        DeciderChoice choice;
        try {
            choice = DeciderChoice.parse(decider, byPriority, byName.keySet());
        } catch (IllegalArgumentException e) {
            unused.accept(() -> "switchboard.neuro.decider-by-priority not used: " + e.getMessage());
            choice = new DeciderChoice(decider, Map.of());
        }
        return new Deciders(byName, choice, changed);
    }

    /** Asks the decider of the force's priority to choose. */
    public void decide(GameSession session, GameSession.PendingForce force) {
        byName.get(choice.forPriority(force.request().priority())).decide(session, force);
    }

    public DeciderChoice choice() {
        return choice;
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /**
     * Switches the default decider ({@code priority} null) or a priority's own ("default" gives the
     * priority back to the default one).
     *
     * @throws IllegalArgumentException naming an unknown decider or priority
     */
    public void set(String priority, String name) {
        synchronized (this) {
            if (priority == null) {
                if (!byName.containsKey(name)) {
                    DeciderChoice.check("low", name, byName.keySet()); // throws, naming the deciders
                }
                choice = choice.withDefault(name);
            } else {
                DeciderChoice.check(priority, name, byName.keySet());
                choice = choice.withPriority(priority, name);
            }
            changes.add(choice);
        }
        changes.drain();
    }

    /**
     * Takes another instance's choice as a whole (clustering on), if it names only deciders this instance
     * has; false if it does not, and then nothing changes. Told to {@code changed} like any change.
     */
    public boolean adopt(DeciderChoice adopted) {
        boolean known = byName.containsKey(adopted.defaultDecider()) && adopted.byPriority().entrySet().stream()
                .allMatch(e -> DeciderChoice.PRIORITIES.contains(e.getKey()) && byName.containsKey(e.getValue()));
        if (!known) {
            return false;
        }
        synchronized (this) {
            if (adopted.equals(choice)) {
                return true;
            }
            choice = adopted;
            changes.add(choice);
        }
        changes.drain();
        return true;
    }
}
