package dev.switchboard.calls;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The arguments a function takes: a fixed list of parameters, or any number of numbers (at least
 * {@code minCount}). It checks an {@code args} array, with messages that say what was expected, and
 * describes itself as the JSON Schema of that array for the catalog.
 */
public final class Signature {
    private final List<Param> params;
    private final int variadicMin;

    private Signature(List<Param> params, int variadicMin) {
        this.params = List.copyOf(params);
        this.variadicMin = variadicMin;
    }

    public static Signature of(Param... params) {
        return new Signature(List.of(params), -1);
    }

    /** Any number of numbers, at least {@code minCount}. */
    public static Signature numbers(int minCount) {
        return new Signature(List.of(), minCount);
    }

    public boolean isVariadic() {
        return variadicMin >= 0;
    }

    public Arguments check(String function, List<JsonValue> args, NumberLimits limits) throws CallException {
        return isVariadic() ? checkVariadic(function, args, limits) : checkFixed(function, args, limits);
    }

    private Arguments checkVariadic(String function, List<JsonValue> args, NumberLimits limits) throws CallException {
        if (args.size() < variadicMin) {
            throw invalid(function + " expects at least " + count(variadicMin, "number") + ", got " + args.size());
        }
        List<BigDecimal> values = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            values.add(number(function, args.get(i), "argument " + (i + 1), limits));
        }
        return new Arguments(values);
    }

    private Arguments checkFixed(String function, List<JsonValue> args, NumberLimits limits) throws CallException {
        long required = params.stream().filter(p -> !p.optional()).count();
        if (args.size() < required || args.size() > params.size()) {
            throw invalid(function + " expects " + describeCount(required) + " (" + names() + "), got " + args.size());
        }
        List<BigDecimal> values = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            Param param = params.get(i);
            BigDecimal value = number(function, args.get(i), param.name(), limits);
            if (param.integer() && !isIntegerIn(value, param)) {
                throw invalid(function + ": " + param.name() + " must be an integer from "
                        + param.min() + " to " + param.max() + ", got " + value.toString());
            }
            values.add(value);
        }
        return new Arguments(values);
    }

    private String describeCount(long required) {
        boolean allNumbers = params.stream().noneMatch(Param::integer);
        String noun = allNumbers ? "number" : "argument";
        if (required == params.size()) {
            return count(params.size(), noun);
        }
        return required + " to " + count(params.size(), noun);
    }

    private String names() {
        return params.stream().map(p -> p.optional() ? p.name() + "?" : p.name()).collect(Collectors.joining(", "));
    }

    private static boolean isIntegerIn(BigDecimal value, Param param) {
        if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
            return false;
        }
        return value.compareTo(BigDecimal.valueOf(param.min())) >= 0
                && value.compareTo(BigDecimal.valueOf(param.max())) <= 0;
    }

    private static BigDecimal number(String function, JsonValue arg, String what, NumberLimits limits)
            throws CallException {
        if (!(arg instanceof JsonNumber number)) {
            throw invalid(function + ": " + what + " must be a number, got " + typeName(arg));
        }
        BigDecimal value = number.bigDecimalValue();
        if (!limits.accepts(value)) {
            throw invalid(function + ": " + what + " is outside the supported range (" + limits.describe() + ")");
        }
        return value;
    }

    private static String typeName(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> "a string";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
        };
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static CallException invalid(String message) {
        return new CallException(ErrorCode.INVALID_ARGS, message);
    }

    /** The JSON Schema of the {@code args} array. */
    public JsonObject schema() {
        JsonObjectBuilder schema = Json.createObjectBuilder().add("type", "array");
        if (isVariadic()) {
            return schema.add("items", Json.createObjectBuilder().add("type", "number"))
                    .add("minItems", variadicMin).build();
        }
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (Param param : params) {
            JsonObjectBuilder item = Json.createObjectBuilder()
                    .add("title", param.name())
                    .add("description", param.description())
                    .add("type", param.integer() ? "integer" : "number");
            if (param.integer()) {
                item.add("minimum", param.min()).add("maximum", param.max());
            }
            items.add(item);
        }
        return schema.add("prefixItems", items)
                .add("items", false)
                .add("minItems", (int) params.stream().filter(p -> !p.optional()).count())
                .add("maxItems", params.size())
                .build();
    }
}
