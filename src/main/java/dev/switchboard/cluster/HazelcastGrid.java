package dev.switchboard.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.ringbuffer.ReadResultSet;
import com.hazelcast.ringbuffer.Ringbuffer;
import dev.switchboard.concurrent.HandOff;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Payara Micro's data grid (Hazelcast, from JNDI {@code payara/Hazelcast}). Only this class names
 * Hazelcast's types, and it is loaded only when clustering is on: on a server without Hazelcast
 * (WildFly) the rest of the WAR never touches them. Logs are Ringbuffers, maps IMaps, topics ITopics,
 * each with one synchronous backup (Hazelcast's default).
 */
final class HazelcastGrid implements Grid {
    static final String JNDI_NAME = "payara/Hazelcast";

    private final HazelcastInstance hazelcast;
    private final Executor executor;
    /** Log families whose capacity is configured on the grid already. */
    private final Set<String> configured = ConcurrentHashMap.newKeySet();

    private HazelcastGrid(HazelcastInstance hazelcast, Executor executor) {
        this.hazelcast = hazelcast;
        this.executor = new InlineWhenRefused(executor);
    }

    /** The server's grid; fails with one clear message on a server that has none. */
    static Grid lookUp(Executor executor) {
        Object found;
        try {
            found = new InitialContext().lookup(JNDI_NAME);
        } catch (NamingException | RuntimeException e) {
            throw new IllegalStateException(Cluster.NO_GRID + " (JNDI " + JNDI_NAME + ": " + e + ")", e);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException(Cluster.NO_GRID + " (no Hazelcast classes on this server)", e);
        }
        if (!(found instanceof HazelcastInstance hazelcast)) {
            throw new IllegalStateException(Cluster.NO_GRID + " (JNDI " + JNDI_NAME + " is " + found + ")");
        }
        return new HazelcastGrid(hazelcast, executor);
    }

    @Override
    public String memberId() {
        return hazelcast.getCluster().getLocalMember().getUuid().toString();
    }

    @Override
    public List<String> memberIds() {
        List<String> ids = new ArrayList<>();
        for (Member member : hazelcast.getCluster().getMembers()) {
            ids.add(member.getUuid().toString());
        }
        return ids;
    }

    @Override
    public boolean joined() {
        return hazelcast.getLifecycleService().isRunning()
                && hazelcast.getCluster().getMembers().contains(hazelcast.getCluster().getLocalMember());
    }

    /**
     * Names of the form {@code family:key} share their family's capacity, configured once (a
     * configuration per name would be one more cluster-wide operation per run).
     */
    @Override
    public SharedLog log(String name, int capacity) {
        int colon = name.indexOf(':');
        String family = colon < 0 ? name : name.substring(0, colon + 1) + "*";
        if (configured.add(family)) {
            hazelcast.getConfig().addRingBufferConfig(new RingbufferConfig(family).setCapacity(capacity).setBackupCount(1));
        }
        return new GridLog(hazelcast.getRingbuffer(name), executor);
    }

    @Override
    public SharedMap map(String name) {
        return new GridMap(hazelcast.getMap(name));
    }

    @Override
    public void publish(String topic, String json) {
        hazelcast.<String>getTopic(topic).publish(json);
    }

    @Override
    public void subscribe(String topic, Consumer<String> receiver) {
        HandOff<String> inOrder = new HandOff<>(receiver);
        hazelcast.<String>getTopic(topic).addMessageListener(message -> {
            inOrder.add(message.getMessageObject());
            inOrder.drainLater(executor);
        });
    }

    @Override
    public void onMemberLeft(Consumer<String> listener) {
        hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                String left = event.getMember().getUuid().toString();
                executor.execute(() -> listener.accept(left));
            }
        });
    }

    private record GridLog(Ringbuffer<String> ring, Executor executor) implements SharedLog {
        @Override
        public long append(String json) {
            return ring.add(json);
        }

        @Override
        public long head() {
            return ring.headSequence();
        }

        @Override
        public long tail() {
            return ring.tailSequence();
        }

        /** Hazelcast starts a read older than its head at the head; the items' own sequences say where. */
        @Override
        public CompletionStage<Batch> read(long from, int max) {
            return ring.readManyAsync(from, 1, max, null).thenApplyAsync(this::batch, executor);
        }

        private Batch batch(ReadResultSet<String> result) {
            List<String> items = new ArrayList<>(result.size());
            result.forEach(items::add);
            long first = items.isEmpty() ? result.getNextSequenceToReadFrom() : result.getSequence(0);
            return new Batch(first, items);
        }

        @Override
        public void destroy() {
            ring.destroy();
        }
    }

    private record GridMap(IMap<String, String> map) implements SharedMap {
        @Override
        public String get(String key) {
            return map.get(key);
        }

        @Override
        public void put(String key, String json) {
            map.set(key, json);
        }

        @Override
        public void put(String key, String json, long ttlMillis) {
            map.set(key, json, ttlMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public String putIfAbsent(String key, String json) {
            return map.putIfAbsent(key, json);
        }

        @Override
        public boolean replace(String key, String expected, String json) {
            return map.replace(key, expected, json);
        }

        @Override
        public void remove(String key) {
            map.delete(key);
        }

        @Override
        public Map<String, String> entries() {
            return new HashMap<>(map);
        }
    }
}
