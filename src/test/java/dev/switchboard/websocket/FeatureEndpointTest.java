package dev.switchboard.websocket;

import dev.switchboard.concurrent.Workers;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Decoder;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The skeleton every endpoint shares, with a feature that records what reaches it. */
class FeatureEndpointTest {
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Outboxes outboxes = new Outboxes();
    private final FakeSession client = new FakeSession(String::valueOf);

    FeatureEndpointTest() {
        outboxes.capacity = 100;
        outboxes.maxChars = 1 << 20;
        outboxes.sendTimeoutMillis = 1000;
        outboxes.idleTimeoutMillis = 0;
        outboxes.messagesPerSecond = 0;
        outboxes.workers = Workers.using(executor, scheduler);
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    /** A feature whose frames are strings; its connection is a list of what it handled. */
    private static class Recording extends FeatureEndpoint<String, List<String>> {
        final List<String> closed = new ArrayList<>();
        boolean answers = true;
        CloseReason refusal;

        Recording(Outboxes outboxes) {
            super(EndpointName.EVENTS, new FrameLimit(12), new Decoder.Text<>() {
                @Override
                public String decode(String text) {
                    return text;
                }

                @Override
                public boolean willDecode(String text) {
                    return true;
                }
            });
            this.outboxes = outboxes;
        }

        @Override
        protected List<String> opened(Session session, Outbox outbox) {
            return new ArrayList<>();
        }

        @Override
        protected void handle(Session session, List<String> connection, String frame) {
            connection.add(frame);
        }

        @Override
        protected Object errorReply(Refusal refusal, String message) {
            return answers ? refusal.code() + ": " + message : null;
        }

        @Override
        protected void closed(Session session, List<String> connection) {
            closed.addAll(connection);
        }

        @Override
        protected CloseReason refusal() {
            return refusal;
        }
    }

    private final Recording endpoint = new Recording(outboxes);

    @SuppressWarnings("unchecked")
    private List<String> handled() {
        return (List<String>) client.session().getUserProperties().get(FeatureEndpoint.class.getName() + ".connection");
    }

    @Test
    void openAppliesTheLimitAndOpensTheOutboxAndEachMessageReachesTheFeatureWithItsConnection() throws Exception {
        endpoint.open(client.session());
        assertEquals(12, client.session().getUserProperties().get("fake.setMaxTextMessageBufferSize"));
        assertEquals(12, client.session().getUserProperties().get("fake.setMaxBinaryMessageBufferSize"));
        assertTrue(Outboxes.of(client.session()) != null);
        long received = outboxes.stats(EndpointName.EVENTS).receivedCount();

        endpoint.text(client.session(), "one", true);
        endpoint.text(client.session(), "tw", false);
        endpoint.text(client.session(), "o", true);

        assertEquals(List.of("one", "two"), handled());
        assertEquals(received + 2, outboxes.stats(EndpointName.EVENTS).receivedCount(), "counted once a message is whole");
        assertNull(client.poll(), "nothing answered");
    }

    @Test
    void aBinaryFrameIsAnsweredWithTheFeaturesInvalidRequest() throws Exception {
        endpoint.open(client.session());
        endpoint.binary(client.session(), ByteBuffer.allocate(3));
        assertEquals("invalid_request: Binary frames are not supported: send JSON as text", client.next());
        assertFalse(client.isClosed());
    }

    @Test
    void aMessageInOnePartOverTheLimitClosesWith1009AndIsNotHandled() throws Exception {
        endpoint.open(client.session());
        endpoint.text(client.session(), "1234567890123", true);
        CloseReason close = client.awaitClose();
        assertEquals(CloseReason.CloseCodes.TOO_BIG, close.getCloseCode());
        assertEquals(List.of(), handled());
    }

    @Test
    void overTheRateLimitAMessageIsAnsweredRateLimitedAndThenTheConnectionIsClosed() throws Exception {
        outboxes.messagesPerSecond = 0.001;
        outboxes.messageBurst = 1;
        outboxes.closeAfterRefused = 1;
        endpoint.open(client.session());

        endpoint.text(client.session(), "one", true);
        endpoint.text(client.session(), "two", true);
        assertTrue(client.next().startsWith("rate_limited: Too many messages"));
        endpoint.binary(client.session(), ByteBuffer.allocate(1));

        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, client.awaitClose().getCloseCode());
        assertEquals(List.of("one"), handled());
        assertNull(client.poll(), "neither the refused binary frame nor the closing one answered");
    }

    @Test
    void aFeatureWithoutErrorRepliesAnswersNothing() throws Exception {
        outboxes.messagesPerSecond = 0.001;
        outboxes.messageBurst = 1;
        outboxes.closeAfterRefused = 10;
        endpoint.answers = false;
        endpoint.open(client.session());

        endpoint.binary(client.session(), ByteBuffer.allocate(1));
        endpoint.text(client.session(), "refused", true);

        assertNull(client.poll());
        assertEquals(List.of(), handled());
        assertFalse(client.isClosed());
    }

    @Test
    void aPongIsASignOfLife() throws Exception {
        outboxes.idleTimeoutMillis = 100;
        endpoint.open(client.session());
        Thread.sleep(150);
        endpoint.pong(client.session(), (PongMessage) () -> ByteBuffer.allocate(0));
        assertFalse(Outboxes.of(client.session()).closeIfIdle(System.nanoTime()), "heard from just now");
    }

    @Test
    void closeClosesTheOutboxAndThenTellsTheFeature() throws Exception {
        endpoint.open(client.session());
        endpoint.text(client.session(), "last", true);
        Outbox outbox = Outboxes.of(client.session());
        int open = outboxes.openCount();

        endpoint.close(client.session(), new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "bye"));

        assertTrue(outbox.isClosed());
        assertEquals(open - 1, outboxes.openCount());
        assertEquals(List.of("last"), endpoint.closed);
    }

    @Test
    void aRefusedOpenClosesAtOnceAndOpensNothing() throws Exception {
        endpoint.refusal = new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "not now");
        endpoint.open(client.session());

        assertEquals(CloseReason.CloseCodes.TRY_AGAIN_LATER, client.awaitClose().getCloseCode());
        assertNull(Outboxes.of(client.session()));
        endpoint.text(client.session(), "ignored", true);
        endpoint.binary(client.session(), ByteBuffer.allocate(1));
        endpoint.close(client.session(), null);
        assertEquals(0, outboxes.openCount());
        assertEquals(List.of(), endpoint.closed);
    }
}
