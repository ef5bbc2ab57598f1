package dev.switchboard.bus;

import dev.switchboard.concurrent.Workers;
import dev.switchboard.agent.Agent;
import dev.switchboard.agent.AgentChoice;
import dev.switchboard.agent.Conversation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The agent's side of the bus: answers every {@code InboundEvent} with an {@code OutboundEvent}, on
 * the executor. A retryable failure publishes the message again with {@code retry_count} + 1 after a
 * backoff (which the responder then answers again); the last failure is an {@code OutboundEvent}
 * whose {@code error} says what went wrong.
 */
@ApplicationScoped
public class AgentResponder {
    private static final Logger LOG = Logger.getLogger(AgentResponder.class.getName());

    @Inject
    AgentChoice choice;

    @Inject
    EventBus bus;

    @Inject
    Workers workers;

    @Inject
    @ConfigProperty(name = "switchboard.agent.max-retries", defaultValue = "2")
    int maxRetries;

    @Inject
    @ConfigProperty(name = "switchboard.agent.retry-backoff-ms", defaultValue = "500")
    long backoffMillis;

    /** Answers at once (each holds a worker thread while the model thinks); more are refused. */
    @Inject
    @ConfigProperty(name = "switchboard.agent.max-concurrent", defaultValue = "32")
    int maxConcurrent;

    private final AtomicInteger answering = new AtomicInteger();

    /**
     * Observed synchronously on the publisher's thread, after the bus has left its lock: it only hands the
     * answer to a worker. (An asynchronous observer went through the container's managed executor, one
     * context capture per chat message, and a failure there lost the answer without a word.)
     */
    void onInbound(@Observes BusEvent.InboundEvent message) {
        if (answering.incrementAndGet() > maxConcurrent) {
            answering.decrementAndGet();
            bus.publish(new BusEvent.OutboundEvent(message.sessionId(), choice.agent().source(), "", BusEvent.now(),
                    "The agent is busy: " + maxConcurrent + " answers are in progress", -1));
            return;
        }
        try {
            workers.executor().submit(() -> {
                try {
                    answer(message);
                } finally {
                    answering.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            answering.decrementAndGet();
            LOG.warning(() -> "The agent cannot answer chat message " + message.offset() + ": the worker pool refused it ("
                    + e.getMessage() + ")");
            bus.publish(new BusEvent.OutboundEvent(message.sessionId(), choice.agent().source(), "", BusEvent.now(),
                    "The agent cannot answer now: the server is out of worker threads or shutting down", -1));
        }
    }

    void answer(BusEvent.InboundEvent message) {
        Agent agent = choice.agent();
        try {
            // The bus's session id is the server's own, one per /events connection: no other principal can send under it.
            String reply = agent.reply(new Conversation(null, message.sessionId()), message.content());
            bus.publish(new BusEvent.OutboundEvent(message.sessionId(), agent.source(), reply, BusEvent.now(), null, -1));
        } catch (Agent.AgentException e) {
            if (e.retryable() && message.retryCount() < maxRetries) {
                long delay = backoffMillis << message.retryCount();
                LOG.info(() -> "Agent failed (" + e.getMessage() + "); retry " + (message.retryCount() + 1)
                        + " in " + delay + " ms");
                workers.scheduler().schedule(() -> bus.publish(message.retry()), delay, TimeUnit.MILLISECONDS);
            } else {
                bus.publish(new BusEvent.OutboundEvent(message.sessionId(), agent.source(), "", BusEvent.now(),
                        e.getMessage(), -1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(java.util.logging.Level.SEVERE, "Agent failed unexpectedly", e);
            bus.publish(new BusEvent.OutboundEvent(message.sessionId(), agent.source(), "", BusEvent.now(),
                    "Internal error of the agent: " + e.getClass().getSimpleName(), -1));
        }
    }
}
