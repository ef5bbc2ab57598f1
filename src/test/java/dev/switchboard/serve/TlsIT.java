package dev.switchboard.serve;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.switchboard.ItSupport.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * HTTPS and WSS on the tests' server, set up as the run command sets up its own: Payara Micro's
 * {@code --sslport} with the self-signed keystore made by {@link SelfSignedKeystore} (pom.xml, arquillian.xml).
 * The client trusts exactly that certificate (its PEM file), with verification and host name checks on.
 */
// Payara-only: TLS is the server's setup, not the WAR's (here Payara Micro's --sslport with the run command's
// keystore); WildFly's HTTPS listener is configured in its own standalone.xml (Elytron), outside the application.
@Tag("payara-only")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TlsIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int TLS_PORT = Integer.getInteger("switchboard.it.tls-port");
    private static final Path KEYSTORE = Path.of(System.getProperty("switchboard.it.keystore"));

    /** The deployment's HTTP URL: only its path (the context root) is used here. */
    @ArquillianResource
    URL base;

    @Test
    void callsOverWssWithTheSelfSignedCertificate() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificate())).build();
        for (String host : new String[] {"localhost", "127.0.0.1"}) {
            CompletableFuture<String> reply = new CompletableFuture<>();
            WebSocket socket = client.newWebSocketBuilder().connectTimeout(WAIT)
                    .buildAsync(URI.create("wss://" + host + ":" + TLS_PORT + base.getPath() + "ws"), firstMessageTo(reply))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            socket.sendText("{\"func\":\"multiply\",\"args\":[3,4]}", true).join();
            assertEquals(12, object(reply.get(WAIT.toSeconds(), TimeUnit.SECONDS)).getInt("result"), host);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }

    @Test
    void httpsServesTheApplication() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(certificate())).build();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + TLS_PORT + "/health")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertEquals("UP", object(health.body()).getString("status"));
    }

    @Test
    void theServerPresentsTheKeystoresCertificate() throws Exception {
        Certificate expected = certificate();
        try (SSLSocket socket = (SSLSocket) trusting(expected).getSocketFactory().createSocket("127.0.0.1", TLS_PORT)) {
            socket.startHandshake();
            assertEquals(expected, socket.getSession().getPeerCertificates()[0]);
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() {
        HttpClient defaultTrust = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutionException refused = assertThrows(ExecutionException.class, () -> defaultTrust.newWebSocketBuilder()
                .connectTimeout(WAIT)
                .buildAsync(URI.create("wss://localhost:" + TLS_PORT + base.getPath() + "ws"), new WebSocket.Listener() { })
                .get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertInstanceOf(SSLHandshakeException.class, refused.getCause(), refused.toString());
    }

    /** The certificate file that {@link SelfSignedKeystore} wrote beside the keystore. */
    private static Certificate certificate() throws Exception {
        try (InputStream in = Files.newInputStream(SelfSignedKeystore.certificateOf(KEYSTORE))) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** A TLS context that trusts this one certificate and nothing else; only this test's clients use it. */
    private static SSLContext trusting(Certificate certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("switchboard", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static WebSocket.Listener firstMessageTo(CompletableFuture<String> reply) {
        return new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    reply.complete(text.toString());
                }
                webSocket.request(1);
                return null;
            }
        };
    }
}
