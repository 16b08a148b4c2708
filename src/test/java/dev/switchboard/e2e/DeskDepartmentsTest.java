package dev.switchboard.e2e;

import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.ServerConfig;
import dev.switchboard.app.Setting;
import dev.switchboard.testing.RestClient;
import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The departments a customer may choose (DEPARTMENTS), offered by GET /api/desk and enforced by queue:join. */
class DeskDepartmentsTest {
    static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(c -> new ServerConfig(c.http(), c.engine(), c.security(), c.storage(),
                new ServerConfig.Chat(c.chat().maxMessageChars(), c.chat().maxPageSize(), c.chat().maxAttachmentBytes(),
                        c.chat().attachmentTypes(), Setting.DEPARTMENTS.parse("billing:Billing, tech:Technical support")),
                c.demo(), c.routing()));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void theDeskEndpointListsTheDepartmentsAndCountsTheAgentsWithoutSigningIn() throws Exception {
        RestClient rest = new RestClient(server.url());
        RestClient.Response empty = rest.get("/api/desk", null);
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.json().get("departments").toString())
                .isEqualTo("[{\"id\":\"billing\",\"name\":\"Billing\"},{\"id\":\"tech\",\"name\":\"Technical support\"}]");
        assertThat(empty.json().get("staffed").asBoolean()).isFalse();
        assertThat(empty.json().get("availableAgents").asInt()).isZero();

        try (SocketClient a = SocketClient.connect(server.url(), server.user("Abe", "agent").token(), "websocket")) {
            a.ok("agent:list"); // its routing registration is done
            RestClient.Response staffed = rest.get("/api/desk", null);
            assertThat(staffed.json().get("staffed").asBoolean()).isTrue();
            assertThat(staffed.json().get("availableAgents").asInt()).isEqualTo(1);
        }
    }

    @Test
    void joiningADepartmentThatIsNotOfferedFailsWhileOfferedOnesAndTheGeneralOneWork() throws Exception {
        try (SocketClient c = SocketClient.connect(server.url(), server.user("Cora", "customer").token(), "websocket");
                SocketClient d = SocketClient.connect(server.url(), server.user("Dan", "customer").token(), "websocket")) {
            assertThat(c.failure("queue:join", json("department", "sales")).getString("code"))
                    .isEqualTo("VALIDATION_FAILED");

            assertThat(c.ok("queue:join", json("department", "billing")).getJSONObject("chat").getString("department"))
                    .isEqualTo("billing");
            assertThat(d.ok("queue:join", json("department", "")).getJSONObject("chat").getString("department"))
                    .isEmpty();
        }
    }
}
