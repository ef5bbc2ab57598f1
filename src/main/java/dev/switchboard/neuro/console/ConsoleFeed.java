package dev.switchboard.neuro.console;

import dev.switchboard.websocket.JsonSupport;
import dev.switchboard.websocket.Outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The operator consoles' feed: each console gets its snapshot first, then every later update. Updates
 * are numbered; those that reach a console while its snapshot is being built are held, and only the
 * ones numbered after the snapshot began are sent after it (older ones are already in it).
 */
final class ConsoleFeed {
    private record Numbered(long seq, String text) {
    }

    private static final class Console {
        final Outbox outbox;
        List<Numbered> early = new ArrayList<>();

        Console(Outbox outbox) {
            this.outbox = outbox;
        }
    }

    private final AtomicLong sequence = new AtomicLong();
    private final Set<Console> consoles = ConcurrentHashMap.newKeySet();

    boolean isEmpty() {
        return consoles.isEmpty();
    }

    /**
     * Sends an update to every console, encoded once for all of them. Callers building views hold the
     * game's lock, keeping each game's order.
     */
    void publish(ConsoleMessage message) {
        long seq = sequence.incrementAndGet();
        String text = JsonSupport.JSONB.toJson(message);
        for (Console console : consoles) {
            synchronized (console) {
                if (console.early != null) {
                    console.early.add(new Numbered(seq, text));
                } else {
                    console.outbox.post(text); // callers hold the game's lock: a worker sends
                }
            }
        }
    }

    void add(Outbox outbox, Supplier<ConsoleMessage> snapshot) {
        Console console = new Console(outbox);
        consoles.add(console);
        sendSnapshot(console, snapshot);
    }

    /** A snapshot on request, ordered with the updates like the first one. */
    void resend(Outbox outbox, Supplier<ConsoleMessage> snapshot) {
        for (Console console : consoles) {
            if (console.outbox == outbox) {
                synchronized (console) {
                    console.early = new ArrayList<>();
                }
                sendSnapshot(console, snapshot);
            }
        }
    }

    private void sendSnapshot(Console console, Supplier<ConsoleMessage> snapshot) {
        Outbox outbox = console.outbox;
        long snapshotBegins = sequence.get();
        ConsoleMessage first = snapshot.get();
        synchronized (console) {
            outbox.enqueue(first);
            console.early.stream().filter(n -> n.seq() > snapshotBegins).forEach(n -> outbox.enqueue(n.text()));
            console.early = null;
        }
        outbox.flush();
    }

    void remove(Outbox outbox) {
        consoles.removeIf(console -> console.outbox == outbox);
    }
}
