package dev.switchboard.runs;

import dev.switchboard.calls.CallContext;
import dev.switchboard.calls.CallException;
import dev.switchboard.calls.CallService;
import dev.switchboard.calls.NumberLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs calls of the calls feature (through its {@link CallService}, not a copy): one {@code step} per
 * call with its result, {@code output} for partial results of streaming functions, and all results
 * at the end. A failing call fails the run with that call's code.
 */
@ApplicationScoped
public class ComputeTask implements RunTask {
    static final int MAX_CALLS = 1000;

    @Inject
    CallService calls;

    record Call(String func, List<JsonValue> args) {
    }

    @Override
    public String name() {
        return "compute";
    }

    @Override
    public RunJob prepare(JsonObject input) throws InvalidRunInput {
        List<Call> plan = plan(input);
        return context -> {
            List<Object> results = new ArrayList<>(plan.size());
            for (int i = 0; i < plan.size(); i++) {
                Call call = plan.get(i);
                Object result = invoke(call, context, i + 1);
                results.add(result);
                context.step(i + 1, plan.size(), call.func(), Map.of("func", call.func(), "result", result));
            }
            return results;
        };
    }

    private Object invoke(Call call, RunContext context, int step) throws RunFailure, InterruptedException {
        try {
            return calls.invoke(call.func(), call.args(), new CallContext() {
                @Override
                public void emit(Object partial) throws InterruptedException {
                    context.output(Map.of("step", step, "partial", partial));
                }

                @Override
                public NumberLimits limits() {
                    return calls.limits();
                }
            });
        } catch (CallException e) {
            throw new RunFailure(e.code().wireName(), "Call " + step + " (" + call.func() + "): " + e.getMessage());
        }
    }

    private static List<Call> plan(JsonObject input) throws InvalidRunInput {
        if (!(input.get("calls") instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_CALLS) {
            throw new InvalidRunInput("input.calls must be an array of 1 to " + MAX_CALLS
                    + " calls like {\"func\":\"multiply\",\"args\":[3,4]}");
        }
        List<Call> plan = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonValue element = array.get(i);
            if (element.getValueType() != JsonValue.ValueType.OBJECT
                    || !(element.asJsonObject().get("func") instanceof JsonString func)) {
                throw new InvalidRunInput("input.calls[" + i + "] must be an object with a string 'func'");
            }
            JsonValue args = element.asJsonObject().getOrDefault("args", JsonValue.EMPTY_JSON_ARRAY);
            if (args.getValueType() != JsonValue.ValueType.ARRAY) {
                throw new InvalidRunInput("input.calls[" + i + "].args must be an array");
            }
            plan.add(new Call(func.getString(), List.copyOf(args.asJsonArray())));
        }
        return plan;
    }
}
