package dev.switchboard.bus;

/**
 * Who may see a bus event on {@code /events}, decided once when it is published: what a client could
 * see on the event's own endpoint. A run's activity is its owner's ({@code owner} null with
 * authentication off), the Neuro API's is the operators'; chat messages are everyone's.
 */
record Audience(String owner, boolean operatorsOnly) {
    static final Audience EVERYONE = new Audience(null, false);
    static final Audience OPERATORS = new Audience(null, true);

    static Audience of(BusEvent event) {
        return of(EventBus.typeName(event), event instanceof BusEvent.RunActivity run ? run.owner() : null);
    }

    /** The same, from an event's {@code type} and, for a run's, its {@code owner}. */
    static Audience of(String type, String owner) {
        return switch (type) {
            case "RunEvent" -> owner == null ? EVERYONE : new Audience(owner, false);
            case "NeuroEvent" -> OPERATORS;
            default -> EVERYONE;
        };
    }
}
