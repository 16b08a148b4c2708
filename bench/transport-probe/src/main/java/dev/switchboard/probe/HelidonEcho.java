package dev.switchboard.probe;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

/** Helidon SE 4: virtual-thread web server with a {@link WsRouting} endpoint. */
final class HelidonEcho {
    private HelidonEcho() {}

    static void start(int port) {
        WebServer.builder()
                .port(port)
                .addRouting(WsRouting.builder().endpoint("/ws", new Echo()))
                .build()
                .start();
    }

    /** Stateless listener shared by all sessions. */
    static final class Echo implements WsListener {
        @Override
        public void onMessage(WsSession session, String text, boolean last) {
            session.send(text, last);
        }
    }
}
