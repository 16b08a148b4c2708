package dev.switchboard.e2e;

import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Before each test, a fresh customer ({@code c}) and agent ({@code a}) are connected. */
abstract class CustomerAndAgentTest extends ServerPerClassTest {
    TestServer.TestUser customer;
    TestServer.TestUser agent;
    SocketClient c;
    SocketClient a;

    /** The agent's role claim; seed 000 and 002 hosts say "technician". */
    String agentRole() {
        return "agent";
    }

    String agentTransport() {
        return "websocket";
    }

    @BeforeEach
    void connectBoth() {
        customer = server.user("Cora", "customer");
        agent = server.user("Abe", agentRole());
        c = SocketClient.connect(server.url(), customer.token(), "websocket");
        a = SocketClient.connect(server.url(), agent.token(), agentTransport());
    }

    @AfterEach
    void closeBoth() {
        c.close();
        a.close();
    }
}
