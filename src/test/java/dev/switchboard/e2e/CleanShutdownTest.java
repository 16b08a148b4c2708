package dev.switchboard.e2e;

import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Stopping the server with agents serving and customers waiting logs no failures of its own making. */
class CleanShutdownTest {

    @Test
    void closingWithAgentsAndQueuedCustomersConnectedLogsNoRejectedWork() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        List<SocketClient> clients = new ArrayList<>();
        TestServer server = TestServer.start();
        try {
            TestServer.TestUser abe = server.user("Abe", "agent");
            TestServer.TestUser bea = server.user("Bea", "agent");
            SocketClient a = SocketClient.connect(server.url(), abe.token(), "websocket");
            clients.add(a);
            SocketClient b = SocketClient.connect(server.url(), bea.token(), "websocket");
            clients.add(b);
            a.ok("agent:set_settings", json("maxChats", 1));
            b.ok("agent:set_settings", json("maxChats", 1));
            for (int i = 0; i < 5; i++) {
                SocketClient c = SocketClient.connect(server.url(), server.user("Cust" + i, "customer").token(),
                        "websocket");
                clients.add(c);
                c.ok("queue:join", json("topic", "help " + i));
            }
            root.addAppender(captured);
        } finally {
            server.stop();
            root.detachAppender(captured);
            clients.forEach(SocketClient::close);
            TestServer.deleteRecursively(server.dataDir());
        }
        List<String> problems = captured.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
        assertThat(problems).isEmpty();
    }
}
