package dev.switchboard.probe;

import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/** Jetty 12: core {@link WebSocketUpgradeHandler} with the Jetty WebSocket API, no servlets. */
final class JettyEcho {
    private JettyEcho() {}

    static void start(int port) throws Exception {
        Server server = new Server(); // default QueuedThreadPool
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(port);
        connector.setIdleTimeout(Duration.ofMinutes(10).toMillis());
        server.addConnector(connector);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            // Jetty's default WebSocket idle timeout is 30 s; the others have none by default.
            container.setIdleTimeout(Duration.ofMinutes(10));
            container.addMapping("/ws", (request, response, callback) -> new Echo());
        });
        server.setHandler(ws);
        server.start();
    }

    /** One small object per connection holding the session. */
    public static final class Echo implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
        }

        @Override
        public void onWebSocketText(String message) {
            session.sendText(message, Callback.NOOP);
        }
    }
}
