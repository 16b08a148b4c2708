package dev.switchboard.e2e;

import dev.switchboard.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One real server (embedded database, free port) for all the tests of a class. */
abstract class ServerPerClassTest {
    static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
