package dev.switchboard.calls;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

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

    /** This parameter's JSON Schema: its title, description, type and, for an integer, its range. */
    public JsonObject schema() {
        JsonObjectBuilder schema = Json.createObjectBuilder()
                .add("title", name)
                .add("description", description)
                .add("type", integer ? "integer" : "number");
        if (integer) {
            schema.add("minimum", min).add("maximum", max);
        }
        return schema.build();
    }
}
