package dev.switchboard.cluster;

import dev.switchboard.concurrent.HandOff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The grid's structures in this JVM. A {@link Space} is one cluster: each {@link LocalGrid} made from it
 * is a member that sees the same logs, maps and topics, so tests can run two instances' code side by
 * side, and drop one ({@link Space#lose}).
 */
public final class LocalGrid implements Grid {
    /** One cluster's shared state. */
    public static final class Space {
        private final Map<String, LocalLog> logs = new ConcurrentHashMap<>();
        private final Map<String, LocalMap> maps = new ConcurrentHashMap<>();
        private final Map<String, List<Consumer<String>>> topics = new ConcurrentHashMap<>();
        private final List<String> members = new CopyOnWriteArrayList<>();
        private final List<Consumer<String>> leaveListeners = new CopyOnWriteArrayList<>();

        public LocalGrid member(String memberId, Executor executor) {
            members.add(memberId);
            return new LocalGrid(this, memberId, executor);
        }

        /** The member leaves as a killed instance would: it is gone, the others are told. */
        public void lose(String memberId) {
            members.remove(memberId);
            leaveListeners.forEach(listener -> listener.accept(memberId));
        }
    }

    private final Space space;
    private final String memberId;
    private final Executor executor;

    private LocalGrid(Space space, String memberId, Executor executor) {
        this.space = space;
        this.memberId = memberId;
        this.executor = new InlineWhenRefused(executor);
    }

    @Override
    public String memberId() {
        return memberId;
    }

    @Override
    public List<String> memberIds() {
        return List.copyOf(space.members);
    }

    @Override
    public boolean joined() {
        return space.members.contains(memberId);
    }

    @Override
    public SharedLog log(String name, int capacity) {
        return space.logs.computeIfAbsent(name, n -> new LocalLog(capacity, executor, () -> space.logs.remove(n)));
    }

    @Override
    public SharedMap map(String name) {
        return space.maps.computeIfAbsent(name, n -> new LocalMap());
    }

    @Override
    public void publish(String topic, String json) {
        space.topics.getOrDefault(topic, List.of()).forEach(receiver -> receiver.accept(json));
    }

    @Override
    public void subscribe(String topic, Consumer<String> receiver) {
        HandOff<String> inOrder = new HandOff<>(receiver);
        space.topics.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(json -> {
            inOrder.add(json);
            inOrder.drainLater(executor);
        });
    }

    @Override
    public void onMemberLeft(Consumer<String> listener) {
        space.leaveListeners.add(left -> {
            if (!left.equals(memberId)) {
                executor.execute(() -> listener.accept(left));
            }
        });
    }

    private static final class LocalLog implements SharedLog {
        private final int capacity;
        private final Executor executor;
        private final Runnable onDestroy;
        private final ArrayDeque<String> items = new ArrayDeque<>();
        private final List<Runnable> waiting = new ArrayList<>();
        private long head;

        LocalLog(int capacity, Executor executor, Runnable onDestroy) {
            this.capacity = capacity;
            this.executor = executor;
            this.onDestroy = onDestroy;
        }

        @Override
        public long append(String json) {
            List<Runnable> woken;
            long sequence;
            synchronized (this) {
                items.addLast(json);
                if (items.size() > capacity) {
                    items.removeFirst();
                    head++;
                }
                sequence = head + items.size() - 1;
                woken = List.copyOf(waiting);
                waiting.clear();
            }
            woken.forEach(executor::execute);
            return sequence;
        }

        @Override
        public synchronized long head() {
            return head;
        }

        @Override
        public synchronized long tail() {
            return head + items.size() - 1;
        }

        @Override
        public CompletionStage<Batch> read(long from, int max) {
            CompletableFuture<Batch> batch = new CompletableFuture<>();
            readInto(batch, from, max);
            return batch;
        }

        private void readInto(CompletableFuture<Batch> batch, long from, int max) {
            Batch ready;
            synchronized (this) {
                long first = Math.max(from, head);
                if (first > tail()) {
                    waiting.add(() -> readInto(batch, from, max));
                    return;
                }
                List<String> copy = new ArrayList<>(items).subList((int) (first - head),
                        (int) Math.min(items.size(), first - head + max));
                ready = new Batch(first, List.copyOf(copy));
            }
            batch.complete(ready);
        }

        @Override
        public void destroy() {
            onDestroy.run();
        }
    }

    private static final class LocalMap implements SharedMap {
        private final Map<String, String> entries = new LinkedHashMap<>();

        @Override
        public synchronized String get(String key) {
            return entries.get(key);
        }

        @Override
        public synchronized void put(String key, String json) {
            entries.put(key, json);
        }

        /** Kept until removed: in one JVM the owner's own retention frees it. */
        @Override
        public synchronized void put(String key, String json, long ttlMillis) {
            entries.put(key, json);
        }

        @Override
        public synchronized String putIfAbsent(String key, String json) {
            return entries.putIfAbsent(key, json);
        }

        @Override
        public synchronized boolean replace(String key, String expected, String json) {
            return entries.replace(key, expected, json);
        }

        @Override
        public synchronized void remove(String key) {
            entries.remove(key);
        }

        @Override
        public synchronized Map<String, String> entries() {
            return new LinkedHashMap<>(entries);
        }
    }
}
