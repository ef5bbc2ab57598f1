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
import java.util.Map;
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

    /** The parameters by name, in order; a variadic signature has the one array parameter {@value #VARIADIC_NAME}. */
    public List<Param> params() {
        return params;
    }

    /** The minimum count of numbers of a variadic signature (-1 for a fixed one). */
    public int variadicMin() {
        return variadicMin;
    }

    /** The name under which a variadic function takes its numbers when they are passed by name. */
    public static final String VARIADIC_NAME = "numbers";

    /**
     * Arguments passed by name, as the positional list {@link #check} reads: each parameter's value in
     * order (an optional one may be left out if no later one is given); for a variadic signature, the
     * elements of the array named {@value #VARIADIC_NAME}. A name the function does not have is refused.
     */
    public List<JsonValue> byName(String function, Map<String, JsonValue> named) throws CallException {
        if (isVariadic()) {
            for (String name : named.keySet()) {
                if (!VARIADIC_NAME.equals(name)) {
                    throw invalid(function + " has no parameter '" + name + "' (it takes '" + VARIADIC_NAME + "')");
                }
            }
            JsonValue numbers = named.get(VARIADIC_NAME);
            if (numbers == null) {
                return List.of();
            }
            if (numbers.getValueType() != JsonValue.ValueType.ARRAY) {
                throw invalid(function + ": " + VARIADIC_NAME + " must be an array of numbers");
            }
            return List.copyOf(numbers.asJsonArray());
        }
        for (String name : named.keySet()) {
            if (params.stream().noneMatch(p -> p.name().equals(name))) {
                throw invalid(function + " has no parameter '" + name + "' (" + names() + ")");
            }
        }
        List<JsonValue> positional = new ArrayList<>(params.size());
        int given = 0;
        for (Param param : params) {
            JsonValue value = named.get(param.name());
            positional.add(value);
            if (value != null) {
                given = positional.size();
            }
        }
        List<JsonValue> args = positional.subList(0, Math.max(given, (int) params.stream().filter(p -> !p.optional()).count()));
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) == null) {
                throw invalid(function + ": missing parameter '" + params.get(i).name() + "'");
            }
        }
        return List.copyOf(args);
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

    /** The JSON Schema of the numbers of a variadic signature, passed as one array. */
    public JsonObject variadicSchema() {
        return Json.createObjectBuilder().add("type", "array")
                .add("items", Json.createObjectBuilder().add("type", "number"))
                .add("minItems", Math.max(0, variadicMin)).build();
    }

    /** The JSON Schema of the {@code args} array. */
    public JsonObject schema() {
        JsonObjectBuilder schema = Json.createObjectBuilder().add("type", "array");
        if (isVariadic()) {
            return variadicSchema();
        }
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (Param param : params) {
            items.add(param.schema());
        }
        return schema.add("prefixItems", items)
                .add("items", false)
                .add("minItems", (int) params.stream().filter(p -> !p.optional()).count())
                .add("maxItems", params.size())
                .build();
    }
}
