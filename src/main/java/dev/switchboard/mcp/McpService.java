package dev.switchboard.mcp;

import dev.switchboard.calls.CallService;
import dev.switchboard.calls.CallsDecoder;
import dev.switchboard.concurrent.Workers;
import dev.switchboard.lifecycle.ShuttingDown;
import dev.switchboard.runs.RunManager;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * What MCP serves, whichever era asks: the tools (every function of the catalog, and the runs tools), their pages, the scopes
 * their calls count against and the 2025 sessions; with the settings and the sweep that lets idle scopes
 * and sessions go. The servlet ({@link McpServlet}) builds the SDK's two servers on it.
 */
@ApplicationScoped
public class McpService {
    @Inject
    CallService calls;

    @Inject
    Workers workers;

    @Inject
    RunManager runs;

    @Inject
    @ConfigProperty(name = "switchboard.mcp.page-size", defaultValue = "50")
    int pageSize;

    /** Each MCP call holds one of the server's HTTP threads (16 on the run command's Payara) until answered. */
    @Inject
    @ConfigProperty(name = "switchboard.mcp.max-calls", defaultValue = "8")
    int maxCalls;

    @Inject
    @ConfigProperty(name = "switchboard.mcp.session-sweep-ms", defaultValue = "1800000")
    long sessionSweepMillis;

    @Inject
    @ConfigProperty(name = CallsDecoder.MAX_BYTES_KEY, defaultValue = "" + CallsDecoder.DEFAULT_MAX_BYTES)
    int maxRequestBytes;

    private final McpSchemaValidator validator = new McpSchemaValidator();
    private McpSettings settings;
    private CallScopes scopes;
    private LegacySessions sessions;
    private ToolCalls toolCalls;
    private List<McpTool> tools;
    private ToolPages pages;

    @PostConstruct
    void init() {
        settings = new McpSettings(maxRequestBytes, Duration.ofMillis(sessionSweepMillis), version());
        scopes = new CallScopes(calls, System::nanoTime);
        sessions = new LegacySessions(System::nanoTime);
        toolCalls = new ToolCalls(scopes, maxCalls);
        List<McpTool> all = new ArrayList<>();
        calls.registry().catalog().forEach(info -> calls.registry().find(info.name()).map(toolCalls::tool).ifPresent(all::add));
        all.addAll(new RunTools(runs, validator).tools());
        all.sort(Comparator.comparing(McpTool::name));
        tools = List.copyOf(all);
        pages = new ToolPages(tools.stream().map(McpTool::spec).toList(), pageSize);
    }

    /** Idle scopes and sessions are let go at the pace the SDK lets its idle sessions go. */
    void startSweep(@Observes @Initialized(ApplicationScoped.class) Object started) {
        long every = Math.max(1000, sessionSweepMillis / 2);
        workers.scheduler().scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    void sweep() {
        long idle = TimeUnit.MILLISECONDS.toNanos(sessionSweepMillis);
        sessions.sweep(idle);
        scopes.sweep(idle);
    }

    /** The server stops: every MCP call still running ends, cancelled. */
    void onShutdown(@Observes @Priority(100) ShuttingDown event) {
        scopes.closeAll();
    }

    /** Where work that must not run on a request's own thread goes. */
    java.util.concurrent.Executor workers() {
        return workers.executor();
    }

    McpSchemaValidator validator() {
        return validator;
    }

    McpSettings settings() {
        return settings;
    }

    List<McpTool> tools() {
        return tools;
    }

    ToolPages pages() {
        return pages;
    }

    CallScopes scopes() {
        return scopes;
    }

    LegacySessions sessions() {
        return sessions;
    }

    /** MCP calls in progress on the server. */
    public int callsInProgress() {
        return toolCalls.inProgress();
    }

    /** Sessions of the 2025 revisions open on the server. */
    public int sessionCount() {
        return sessions.size();
    }

    private static String version() {
        Properties properties = new Properties();
        try (InputStream in = McpService.class.getResourceAsStream("/dev/switchboard/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }
}
