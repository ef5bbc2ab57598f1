package dev.switchboard.rpc;

import dev.switchboard.calls.CallFunction;
import dev.switchboard.calls.FunctionInfo;
import dev.switchboard.calls.FunctionRegistry;
import dev.switchboard.calls.Param;
import dev.switchboard.calls.Signature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The OpenRPC document that {@code rpc.discover} answers, made from the function catalog: one method
 * per function, its parameters by name with their JSON Schemas, and its result's schema. A variadic
 * function takes its numbers by name as the one array {@value Signature#VARIADIC_NAME} (by position,
 * as the numbers themselves). A streaming function is marked {@code x-progress}: the method of the
 * notifications that carry its partial results.
 */
@ApplicationScoped
public class OpenRpcDocument {
    static final String OPENRPC_VERSION = "1.3.2";

    @Inject
    FunctionRegistry registry;

    private volatile JsonObject document;

    public OpenRpcDocument() {
    }

    OpenRpcDocument(FunctionRegistry registry) {
        this.registry = registry;
    }

    public JsonObject document() {
        JsonObject made = document;
        if (made == null) {
            made = build();
            document = made;
        }
        return made;
    }

    private JsonObject build() {
        JsonArrayBuilder methods = Json.createArrayBuilder();
        for (FunctionInfo info : registry.catalog()) {
            methods.add(method(registry.find(info.name()).orElseThrow()));
        }
        return Json.createObjectBuilder()
                .add("openrpc", OPENRPC_VERSION)
                .add("info", Json.createObjectBuilder()
                        .add("title", "Switchboard")
                        .add("description", "Switchboard's functions over JSON-RPC 2.0 on the WebSocket /rpc")
                        .add("version", version()))
                .add("methods", methods)
                .build();
    }

    private static JsonObject method(CallFunction function) {
        Signature signature = function.signature();
        JsonArrayBuilder params = Json.createArrayBuilder();
        if (signature.isVariadic()) {
            params.add(Json.createObjectBuilder()
                    .add("name", Signature.VARIADIC_NAME)
                    .add("description", "the numbers (by position: the numbers themselves, one per position)")
                    .add("required", signature.variadicMin() > 0)
                    .add("schema", signature.variadicSchema()));
        } else {
            for (Param param : signature.params()) {
                params.add(Json.createObjectBuilder()
                        .add("name", param.name())
                        .add("description", param.description())
                        .add("required", !param.optional())
                        .add("schema", param.schema()));
            }
        }
        JsonObjectBuilder method = Json.createObjectBuilder()
                .add("name", function.name())
                .add("description", function.description())
                .add("paramStructure", signature.isVariadic() ? "by-name" : "either")
                .add("params", params)
                .add("result", Json.createObjectBuilder().add("name", "result").add("schema", function.resultSchema()));
        if (function.streaming()) {
            method.add("x-progress", RpcMethods.PROGRESS);
        }
        return method.build();
    }

    private static String version() {
        Properties properties = new Properties();
        try (InputStream in = OpenRpcDocument.class.getResourceAsStream("/dev/switchboard/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }
}
