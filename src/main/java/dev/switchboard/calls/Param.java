package dev.switchboard.calls;

/**
 * One parameter of a function: a number, or an integer within [min, max].
 * Optional parameters come last.
 */
public record Param(String name, String description, boolean integer, long min, long max, boolean optional) {

    public static Param number(String name, String description) {
        return new Param(name, description, false, 0, 0, false);
    }

    public static Param integer(String name, String description, long min, long max) {
        return new Param(name, description, true, min, max, false);
    }

    public Param asOptional() {
        return new Param(name, description, integer, min, max, true);
    }
}
