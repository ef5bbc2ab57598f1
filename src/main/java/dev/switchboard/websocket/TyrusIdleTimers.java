package dev.switchboard.websocket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Workaround of a platform defect: Payara's Tyrus (2.1.5.payara-p2) cancels and reschedules a
 * per-session idle timer on the container's managed scheduled executor for every frame sent or
 * received, whatever the idle timeout (0 and -1 included). Each schedule captures container context
 * (a {@code ServiceLoader} scan of the jars) and each cancelled task stays queued, holding its
 * session, until its delay has passed: most of the CPU of a busy server, and a heap that grows under
 * load until it runs out.
 * <p>
 * At startup this wraps the WebSocket container's scheduled executor in an {@link IdleTimerFilter}
 * that drops those idle timers and passes every other task through; idle connections are found
 * instead by one sweep in {@link Outboxes}. It touches nothing unless it finds exactly the field it
 * expects: on another server it logs that it was not applied, and the container behaves as it always
 * did. On a Tyrus whose shape has changed it logs a WARNING, since the defect may then be back; and
 * the timers it drops are counted, so that a Tyrus that no longer schedules them shows.
 */
@ApplicationScoped
public class TyrusIdleTimers {
    private static final Logger LOG = Logger.getLogger(TyrusIdleTimers.class.getName());
    static final String BASE_CONTAINER = "org.glassfish.tyrus.core.BaseContainer";
    static final String FIELD = "managedScheduledExecutorService";

    /** An escape hatch: false leaves Tyrus exactly as it is (and its per-message cost with it). */
    @Inject
    @ConfigProperty(name = "switchboard.websocket.tyrus-idle-timer-workaround", defaultValue = "true")
    boolean enabled;

    private volatile IdleTimerFilter filter;

    void install(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        if (!enabled) {
            LOG.info("Tyrus idle-timer workaround switched off by configuration");
            return;
        }
        Object container = context.getAttribute(ServerContainer.class.getName());
        if (!isTyrus(container)) {
            LOG.info("Tyrus idle-timer workaround not applied (not a Tyrus container): "
                    + (container == null ? "no WebSocket container" : container.getClass().getName()));
            return;
        }
        filter = bypass(container);
        if (filter != null) {
            LOG.info("Tyrus per-message idle timers bypassed (platform workaround); idle connections are swept instead");
        } else {
            LOG.warning("Tyrus idle-timer workaround could not be installed: this Tyrus (" + container.getClass().getName()
                    + ") does not have the shape it expects, so it may again schedule a timer per message (see "
                    + "docs/architecture.md). Set switchboard.websocket.tyrus-idle-timer-workaround=false to silence this.");
        }
    }

    /** True while the workaround is in place. */
    public boolean isBypassed() {
        return filter != null;
    }

    /** Idle timers dropped since start (0 without the workaround). */
    public long dropped() {
        IdleTimerFilter installed = filter;
        return installed == null ? 0 : installed.dropped();
    }

    static boolean isTyrus(Object container) {
        for (Class<?> type = container == null ? null : container.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(BASE_CONTAINER)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Wraps the container's managed scheduled executor in an {@link IdleTimerFilter} and returns it; null,
     * and nothing changed, if the container is not the Tyrus it expects.
     */
    static IdleTimerFilter bypass(Object container) {
        Field field = findField(container);
        if (field == null) {
            return null;
        }
        try {
            field.setAccessible(true);
            Object current = field.get(container);
            if (current instanceof IdleTimerFilter installed) {
                return installed;
            }
            if (!(current instanceof ScheduledExecutorService executor)) {
                return null; // Tyrus made its own executor: no managed timers to avoid
            }
            IdleTimerFilter installed = new IdleTimerFilter(executor);
            field.set(container, installed);
            return field.get(container) == installed ? installed : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not wrap Tyrus' scheduled executor", e);
            return null;
        }
    }

    private static Field findField(Object container) {
        for (Class<?> type = container == null ? null : container.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(BASE_CONTAINER)) {
                try {
                    Field field = type.getDeclaredField(FIELD);
                    return field.getType() == ScheduledExecutorService.class ? field : null;
                } catch (NoSuchFieldException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
