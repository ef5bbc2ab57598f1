package dev.switchboard.mcp;

import dev.switchboard.runs.RunManager;
import dev.switchboard.runs.RunMessage;
import dev.switchboard.runs.RunPage;
import dev.switchboard.security.Caller;
import dev.switchboard.websocket.EndpointName;
import dev.switchboard.websocket.ErrorReplies;
import dev.switchboard.websocket.JsonSupport;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * The runs of {@code /runs} as tools, so that an agent can drive them over MCP: {@code start_run},
 * {@code read_run} (the events after a {@code seq}, and the status) and {@code cancel_run}. A run started
 * here belongs to the caller's principal, as on {@code /runs}, and nobody watches it: it goes on until it
 * ends or times out, and is read by polling {@code read_run}. Each call is answered at once.
 */
final class RunTools {
    static final int DEFAULT_EVENTS = 100;
    static final int MAX_EVENTS = 1000;
    private static final String RUN_ID_PATTERN = "^[A-Za-z0-9_.:-]{1,64}$";

    private final RunManager runs;
    private final McpSchemaValidator validator;

    RunTools(RunManager runs, McpSchemaValidator validator) {
        this.runs = runs;
        this.validator = validator;
    }

    List<McpTool> tools() {
        return List.of(start(), read(), cancel());
    }

    private McpTool start() {
        JsonObject input = object(Json.createObjectBuilder()
                .add("run_id", runId("the run's id, chosen by the caller; unique among its live and kept runs"))
                .add("task", Json.createObjectBuilder().add("type", "string").add("enum", strings(runs.taskNames()))
                        .add("default", "demo").add("description", "what the run does"))
                .add("input", Json.createObjectBuilder().add("type", "object").add("description",
                        "the task's input: demo {steps, delay_ms}; compute {calls: [{func, args}]}; chat {message}")),
                "run_id");
        JsonObject output = object(Json.createObjectBuilder().add("run_id", string()).add("task", string())
                .add("status", string()), "run_id", "task", "status");
        ToolSpec spec = new ToolSpec("start_run", "Start run", "Starts an agent run of a task, as start_run on /runs; "
                + "read its events with read_run", input, output, false, false, false, true);
        return tool(spec, (caller, arguments) -> {
            String task = arguments.containsKey("task") ? arguments.getString("task") : "demo";
            RunMessage.RunError refused = runs.startFor(caller, arguments.getString("run_id"), task,
                    arguments.containsKey("input") ? arguments.getJsonObject("input") : null);
            return refused != null ? error(refused) : result(Json.createObjectBuilder()
                    .add("run_id", arguments.getString("run_id")).add("task", task).add("status", "running").build());
        });
    }

    private McpTool read() {
        JsonObject input = object(Json.createObjectBuilder()
                .add("run_id", runId("the run's id"))
                .add("after_seq", Json.createObjectBuilder().add("type", "integer").add("minimum", -1).add("default", -1)
                        .add("description", "the events after this seq (-1: from the first)"))
                .add("max_events", Json.createObjectBuilder().add("type", "integer").add("minimum", 1)
                        .add("maximum", MAX_EVENTS).add("default", DEFAULT_EVENTS))
                .add("owner", owner()), "run_id");
        JsonObject output = object(Json.createObjectBuilder().add("run_id", string())
                .add("status", Json.createObjectBuilder().add("type", "string")
                        .add("enum", Json.createArrayBuilder().add("running").add("completed").add("failed").add("cancelled")))
                .add("events", Json.createObjectBuilder().add("type", "array").add("items",
                        Json.createObjectBuilder().add("type", "object")))
                .add("last_seq", Json.createObjectBuilder().add("type", "integer").add("description",
                        "the seq of the last event here (after_seq when there is none): the next read's after_seq"))
                .add("first_kept_seq", Json.createObjectBuilder().add("type", "integer"))
                .add("more", Json.createObjectBuilder().add("type", "boolean")),
                "run_id", "status", "events", "last_seq", "first_kept_seq", "more");
        ToolSpec spec = new ToolSpec("read_run", "Read run", "The events of a run after a seq (run_event objects, as on "
                + "/runs) and its status; a run that has ended has a run_completed, run_failed or run_cancelled last",
                input, output, true, false, true, true);
        return tool(spec, (caller, arguments) -> {
            long afterSeq = arguments.containsKey("after_seq") ? arguments.getJsonNumber("after_seq").longValue() : -1;
            int max = arguments.containsKey("max_events") ? arguments.getInt("max_events") : DEFAULT_EVENTS;
            RunPage page = runs.eventsAfter(caller, arguments.getString("run_id"), optional(arguments, "owner"), afterSeq, max);
            if (page.refusal() != null) {
                return error(page.refusal());
            }
            JsonArrayBuilder events = Json.createArrayBuilder();
            long lastSeq = afterSeq;
            for (String text : page.events()) {
                JsonObject event = JsonSupport.readTree(text).asJsonObject();
                events.add(event);
                lastSeq = event.getJsonNumber("seq").longValue();
            }
            return result(Json.createObjectBuilder().add("run_id", arguments.getString("run_id"))
                    .add("status", page.status()).add("events", events).add("last_seq", lastSeq)
                    .add("first_kept_seq", page.firstKeptSeq()).add("more", page.more()).build());
        });
    }

    private McpTool cancel() {
        JsonObject input = object(Json.createObjectBuilder()
                .add("run_id", runId("the run's id"))
                .add("reason", Json.createObjectBuilder().add("type", "string").add("maxLength", 200)
                        .add("description", "why, for run_cancelled (default: cancelled)"))
                .add("owner", owner()), "run_id");
        JsonObject output = object(Json.createObjectBuilder().add("run_id", string()).add("status", string()),
                "run_id", "status");
        ToolSpec spec = new ToolSpec("cancel_run", "Cancel run", "Cancels a running run: it ends with run_cancelled",
                input, output, false, true, true, true);
        return tool(spec, (caller, arguments) -> {
            RunMessage.RunError refused = runs.cancelFor(caller, arguments.getString("run_id"),
                    optional(arguments, "owner"), optional(arguments, "reason"));
            return refused != null ? error(refused) : result(Json.createObjectBuilder()
                    .add("run_id", arguments.getString("run_id")).add("status", "cancelled").build());
        });
    }

    /**
     * A tool answered at once on the request's thread. Its arguments are checked against its input schema
     * first (the 2025 server leaves that to each tool), so the body reads only what the schema allows.
     */
    private McpTool tool(ToolSpec spec, BiFunction<Caller, JsonObject, ToolResult> body) {
        java.util.Map<String, Object> schema = JsonTrees.toJava(spec.inputSchema());
        return new McpTool() {
            @Override
            public ToolSpec spec() {
                return spec;
            }

            @Override
            public boolean blocking() {
                return false;
            }

            @Override
            public boolean streaming() {
                return false;
            }

            @Override
            public CompletableFuture<ToolResult> call(Request request) {
                java.util.Map<String, Object> arguments = request.arguments() == null ? java.util.Map.of() : request.arguments();
                var checked = validator.validate(schema, arguments);
                if (!checked.valid()) {
                    ErrorReplies.count(EndpointName.MCP, "invalid_args");
                    return CompletableFuture.completedFuture(ToolResult.error("invalid_args", checked.errorMessage()));
                }
                return CompletableFuture.completedFuture(body.apply(request.caller(), JsonTrees.toJson(arguments).asJsonObject()));
            }
        };
    }

    private static ToolResult result(JsonObject structured) {
        return ToolResult.of(JsonTrees.toJava(structured), structured);
    }

    private static ToolResult error(RunMessage.RunError refused) {
        ErrorReplies.count(EndpointName.MCP, refused.code());
        return ToolResult.error(refused.code(), refused.message());
    }

    private static String optional(JsonObject arguments, String name) {
        return arguments.get(name) instanceof JsonString text ? text.getString() : null;
    }

    private static JsonObject object(JsonObjectBuilder properties, String... required) {
        JsonArrayBuilder names = Json.createArrayBuilder();
        for (String name : required) {
            names.add(name);
        }
        return Json.createObjectBuilder().add("type", "object").add("properties", properties)
                .add("required", names).add("additionalProperties", false).build();
    }

    private static JsonObjectBuilder runId(String description) {
        return Json.createObjectBuilder().add("type", "string").add("pattern", RUN_ID_PATTERN).add("description", description);
    }

    private static JsonObjectBuilder owner() {
        return Json.createObjectBuilder().add("type", "string").add("description",
                "whose run it is, for role admin only (default: the caller's own)");
    }

    private static JsonObjectBuilder string() {
        return Json.createObjectBuilder().add("type", "string");
    }

    private static JsonArrayBuilder strings(java.util.Collection<String> values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }
}
