package dev.switchboard.bus;

/** One instance: it numbers its events itself, in the same step that delivers them. */
record LocalNumbering(LocalDelivery delivery) implements Numbering {
    @Override
    public BusEvent number(BusEvent event) {
        return delivery.numberAndDeliver(event);
    }

    @Override
    public long newest() {
        return delivery.mark() - 1;
    }

    @Override
    public long skipped() {
        return 0;
    }
}
