package dev.switchboard.bus;

import dev.switchboard.security.Caller;

/**
 * An {@code /events} client as the bus filters for it, taken from its caller once per connection so
 * that the check per delivered event is a few comparisons.
 */
record Viewer(String name, boolean seesEverything, boolean operator) {
    /** Authentication off: one shared namespace, every event visible. */
    static final Viewer UNRESTRICTED = new Viewer(null, true, true);

    static Viewer of(Caller caller) {
        if (caller == null) {
            return UNRESTRICTED;
        }
        boolean admin = caller.hasRole(Caller.ADMIN);
        return new Viewer(caller.getName(), admin, admin || caller.hasRole(Caller.OPERATOR));
    }

    boolean sees(Audience audience) {
        if (seesEverything) {
            return true;
        }
        if (audience.operatorsOnly()) {
            return operator;
        }
        return audience.owner() == null || audience.owner().equals(name);
    }
}
