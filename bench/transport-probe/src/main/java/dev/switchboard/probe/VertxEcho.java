package dev.switchboard.probe;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;

/** Vert.x 5 core: {@code HttpServer.webSocketHandler}, native transport, one verticle per core. */
final class VertxEcho {
    private VertxEcho() {}

    static void start(int port) throws Exception {
        int n = ProbeServer.ioThreads();
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(n));
        vertx.deployVerticle(() -> new EchoVerticle(port), new DeploymentOptions().setInstances(n))
                .await();
        System.out.println("vertx native transport: " + vertx.isNativeTransportEnabled());
    }

    static final class EchoVerticle extends AbstractVerticle {
        private final int port;

        EchoVerticle(int port) {
            this.port = port;
        }

        @Override
        public void start(Promise<Void> started) {
            vertx.createHttpServer(new HttpServerOptions().setPort(port))
                    .webSocketHandshakeHandler(hs -> {
                        if ("/ws".equals(hs.path())) {
                            hs.accept();
                        } else {
                            hs.reject(404);
                        }
                    })
                    .webSocketHandler(ws -> ws.textMessageHandler(ws::writeTextMessage))
                    .requestHandler(req -> req.response().setStatusCode(404).end())
                    .listen()
                    .<Void>mapEmpty()
                    .onComplete(started);
        }
    }
}
