package dev.switchboard.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Scenario {@code startup}: starts the server itself ({@code --server-command}, run by
 * {@code sh -c}), then tries a Socket.IO connection every 20 ms; the result is the time from
 * spawning the process to the first accepted connection ({@code 40} answered). The server is
 * stopped afterwards. Before the clock starts, one whole connection to a {@link WarmUpServer} takes
 * the generator's own first-connection costs out of the figure.
 */
final class Startup {
    private static final long GIVE_UP_NANOS = 60_000_000_000L;

    private Startup() {}

    static Map<String, Object> run(BenchOptions o, Clients clients) throws Exception {
        if (o.serverCommand().isEmpty()) throw new IllegalArgumentException("startup needs --server-command");
        String id = "bench-" + o.runId() + "-startup";
        List<Clients.Identity> user = List.of(new Clients.Identity(id, "customer", new HostTokens(o.jwtSecret()).mint(id, "customer")));
        // First use of the client classes before the clock starts: the generator's own warm-up is not the server's.
        // A refused connection (nothing listens yet) runs only the connect path, so the warm-up is one whole
        // connection, WebSocket and Socket.IO CONNECT included, to a stand-in on another port.
        warmUp(user);
        clients.connect(user, new int[1], 1, (c, p, now) -> { });
        long t0 = System.nanoTime();
        Process server = new ProcessBuilder("sh", "-c", o.serverCommand()).inheritIO().start();
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            int attempts = 0;
            while (System.nanoTime() - t0 < GIVE_UP_NANOS && server.isAlive()) {
                attempts++;
                Clients.Ramp r = clients.connect(user, new int[1], 1, (c, p, now) -> { });
                if (r.failed() == 0) {
                    m.put("startupMillis", (System.nanoTime() - t0) / 1_000_000);
                    m.put("attempts", attempts);
                    r.open().forEach(SioConnection::close);
                    return m;
                }
                Thread.sleep(20);
            }
            m.put("startupMillis", -1);
            m.put("error", server.isAlive() ? "no connection within 60 s" : "server exited with " + server.exitValue());
            return m;
        } finally {
            stop(server);
        }
    }

    private static void warmUp(List<Clients.Identity> user) throws Exception {
        try (WarmUpServer stub = new WarmUpServer(); Clients warmUp = new Clients("127.0.0.1", stub.port(), 1)) {
            Clients.Ramp r = warmUp.connect(user, new int[1], 1, (c, p, now) -> { });
            if (r.failed() > 0) throw new IllegalStateException("warm-up connection failed: " + r.firstError());
            r.open().forEach(SioConnection::close);
        }
    }

    private static void stop(Process server) throws IOException, InterruptedException {
        server.descendants().forEach(ProcessHandle::destroy);
        server.destroy();
        if (!server.waitFor(15, TimeUnit.SECONDS)) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
    }
}
