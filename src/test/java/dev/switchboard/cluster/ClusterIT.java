package dev.switchboard.cluster;

import dev.switchboard.ItSupport;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Two members on loopback form one cluster: both ready, each counts two, each has its own member id. */
@Tag("cluster")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClusterIT {
    @ArquillianResource
    URL base;

    ClusterMember b;

    @BeforeEach
    void cluster() throws Exception {
        b = ClusterSupport.twoMembers(base);
    }

    @Test
    void twoMembersFormOneClusterAndBothAreReady() throws Exception {
        assertEquals(2, ClusterSupport.membersSeen(URI.create("http://127.0.0.1:" + b.httpPort() + "/health/ready")));
        String onA = ItSupport.metrics(base);
        assertEquals(2, ItSupport.metric(base, "switchboard_cluster_members"));
        String memberA = memberTag(onA);
        String memberB = memberTag(ClusterMember.get(URI.create("http://127.0.0.1:" + b.httpPort() + "/metrics?scope=application")));
        assertNotEquals(memberA, memberB, "each member has its own id");
    }

    private static String memberTag(String metrics) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("switchboard_cluster_member\\{[^}]*member=\"([^\"]+)\"").matcher(metrics);
        if (!m.find()) {
            throw new AssertionError("no switchboard_cluster_member in\n" + metrics);
        }
        return m.group(1);
    }
}
