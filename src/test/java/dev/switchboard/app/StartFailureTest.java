package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.testing.TestServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StartFailureTest {
    @Test
    void aServerWhosePortIsTakenFailsToStartAndLeavesNoThreadsNorTheDatabaseOpen() throws Exception {
        Path dataDir = Files.createTempDirectory("switchboard-start-failure");
        Set<String> before = nonDaemonThreads();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ServerConfig c = TestServer.config(dataDir);
            ServerConfig onTakenPort = new ServerConfig(
                    new ServerConfig.Http("127.0.0.1", taken.getLocalPort(), c.http().corsOrigins(), c.http().maxRequestBytes()),
                    c.engine(), c.security(), c.storage(), c.chat(), c.demo());

            assertThatThrownBy(() -> Switchboard.start(onTakenPort)).hasMessageContaining("in use");
        }
        // Netty's loops end asynchronously after shutdownGracefully, its global executor after a quiet second
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!before.containsAll(nonDaemonThreads()) && System.nanoTime() < deadline) Thread.sleep(100);
        assertThat(nonDaemonThreads()).as("threads that would keep the JVM alive").isSubsetOf(before);
        try (TestServer again = TestServer.startOn(dataDir)) { // H2's file lock was released
            assertThat(again.server().port()).isPositive();
        }
    }

    private static Set<String> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !t.isDaemon() && t.isAlive())
                .map(Thread::getName).collect(Collectors.toSet());
    }
}
