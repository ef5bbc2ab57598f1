package dev.switchboard.runs;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Reads task inputs with the checks and messages every task needs. */
final class TaskInput {
    private TaskInput() {
    }

    static int integer(JsonObject input, String field, int fallback, int min, int max)
            throws RunTask.InvalidRunInput {
        JsonValue value = input.get(field);
        if (value == null) {
            return fallback;
        }
        if (value instanceof JsonNumber number && number.isIntegral()
                && number.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(min)) >= 0
                && number.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(max)) <= 0) {
            return number.intValue();
        }
        throw new RunTask.InvalidRunInput("input." + field + " must be an integer from " + min + " to " + max);
    }
}
