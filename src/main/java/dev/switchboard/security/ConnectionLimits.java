package dev.switchboard.security;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Connections per remote address and in total. A handshake reserves a slot before the upgrade; the
 * connection gives it back when it closes (or the handshake when it does not become one).
 */
public final class ConnectionLimits {
    private final int maxPerAddress;
    private final int maxTotal;
    private final Map<String, Integer> perAddress = new HashMap<>();
    private int total;

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

        private Slot(String address) {
            this.address = address;
        }

        /** Gives the slot back; later calls do nothing. */
        public void release() {
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
