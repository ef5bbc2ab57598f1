package dev.switchboard.security;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Connections per remote address and in total. A handshake reserves a slot before the upgrade; the
 * connection gives it back when it closes (or the handshake when it does not become one). A slot
 * handed to an upgrade whose connection never opens (the client left between the 101 and the open,
 * so no close ever comes) is given back by {@link #releaseUnopened}.
 */
public final class ConnectionLimits {
    private final int maxPerAddress;
    private final int maxTotal;
    private final Map<String, Integer> perAddress = new HashMap<>();
    private int total;
    private final Set<Slot> unopened = ConcurrentHashMap.newKeySet();

    /** Either limit 0 means no limit. */
    public ConnectionLimits(int maxPerAddress, int maxTotal) {
        this.maxPerAddress = maxPerAddress;
        this.maxTotal = maxTotal;
    }

    /** What a refused reservation was over. */
    public enum Over { ADDRESS, TOTAL }

    /** A slot, or why there is none. */
    public sealed interface Reservation permits Slot, Refused {
    }

    public record Refused(Over over, int limit) implements Reservation {
    }

    public final class Slot implements Reservation {
        private final String address;
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile long handedAtNanos;

        private Slot(String address) {
            this.address = address;
        }

        /** The remote address the slot was reserved for. */
        public String address() {
            return address;
        }

        /** The upgrade was accepted: a connection should open and own the slot. */
        public void handedOver(long nowNanos) {
            handedAtNanos = nowNanos;
            unopened.add(this);
        }

        /** The connection opened: it gives the slot back when it closes. */
        public void opened() {
            unopened.remove(this);
        }

        /** Gives the slot back; later calls do nothing. */
        public void release() {
            unopened.remove(this);
            if (released.compareAndSet(false, true)) {
                giveBack(address);
            }
        }
    }

    public synchronized Reservation reserve(String address) {
        if (maxTotal > 0 && total >= maxTotal) {
            return new Refused(Over.TOTAL, maxTotal);
        }
        int fromAddress = perAddress.getOrDefault(address, 0);
        if (maxPerAddress > 0 && fromAddress >= maxPerAddress) {
            return new Refused(Over.ADDRESS, maxPerAddress);
        }
        perAddress.put(address, fromAddress + 1);
        total++;
        return new Slot(address);
    }

    /** Gives back the slots handed to upgrades before {@code handedBeforeNanos} whose connection never opened. */
    public int releaseUnopened(long handedBeforeNanos) {
        int released = 0;
        for (Slot slot : unopened) {
            if (slot.handedAtNanos - handedBeforeNanos < 0) {
                slot.release();
                released++;
            }
        }
        return released;
    }

    private synchronized void giveBack(String address) {
        perAddress.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
        total--;
    }

    public synchronized int total() {
        return total;
    }

    public synchronized int from(String address) {
        return perAddress.getOrDefault(address, 0);
    }
}
