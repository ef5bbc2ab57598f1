package dev.switchboard.bus;

/**
 * How the bus's events get their offsets: by this instance alone ({@link LocalNumbering}), or by a log
 * that the cluster's instances share ({@link GridNumbering}). Either hands each numbered event to
 * this instance's {@link LocalDelivery}.
 */
interface Numbering {
    /** Numbers the event; returns it numbered once that is acknowledged (its offset will not be lost). */
    BusEvent number(BusEvent event);

    /** The newest offset given, by whichever instance: it may be ahead of what this one has delivered. */
    long newest();

    /** Events this instance could not deliver because they were gone before it read them. */
    long skipped();
}
