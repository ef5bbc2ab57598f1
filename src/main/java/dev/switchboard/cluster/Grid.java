package dev.switchboard.cluster;

import java.util.List;
import java.util.function.Consumer;

/**
 * What crosses instances when clustering is on ({@link Cluster}): sequenced logs, shared maps, topics
 * and the membership. Everything on it is JSON text, never an application class, and every callback
 * runs on the application's workers, never on the grid's own threads (they have the server's class
 * loader, no CDI and no JNDI). {@link HazelcastGrid} is Payara Micro's data grid; {@link LocalGrid}
 * keeps the same structures in this JVM (one member, or several in one test).
 */
public interface Grid {
    /** This instance's member id, unique in the cluster. */
    String memberId();

    /** The members now, oldest first. */
    List<String> memberIds();

    /** True on one member at a time, the oldest: it does the cluster's chores (a lost member's runs). */
    default boolean coordinator() {
        List<String> members = memberIds();
        return !members.isEmpty() && members.get(0).equals(memberId());
    }

    /** True once this instance is a member of the cluster. */
    boolean joined();

    /** A log that numbers what is appended to it, the same numbers on every member; keeps the newest {@code capacity}. */
    SharedLog log(String name, int capacity);

    /** A map of JSON texts, kept with a backup on another member. */
    SharedMap map(String name);

    /** Sends a message to every member's subscribers of {@code topic}, this one's included. */
    void publish(String topic, String json);

    /** Hands every message of {@code topic} to {@code receiver}, in the order they were published by each member. */
    void subscribe(String topic, Consumer<String> receiver);

    /** Tells {@code listener} the member id of every member that leaves the cluster (or is lost). */
    void onMemberLeft(Consumer<String> listener);
}
