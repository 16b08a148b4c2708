package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HttpServerCloseTest {
    private static final byte[] REQUEST = "GET /ping HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /**
     * Netty's own shutdown closes a loop's connections only if the loop notices the shutdown before
     * its last pass; a loop busy at that moment stopped with them open (4.2.18), and a client's
     * pooled keep-alive connection then waited forever on a server that was gone. Each round keeps
     * the loop busy with one connection while closing.
     */
    @Test
    void closingTheServerWhileItsLoopIsBusyClosesEveryIdleKeepAliveConnection() throws Exception {
        for (int round = 0; round < 25; round++) {
            HttpServer server = oneLoopAnsweringEmpty();
            List<Socket> idle = new ArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread busy;
            try {
                for (int i = 0; i < 4; i++) {
                    Socket socket = new Socket("127.0.0.1", server.port());
                    socket.setSoTimeout(3_000);
                    socket.getOutputStream().write(REQUEST);
                    assertThat(readAnswer(socket.getInputStream()))
                            .as("round %d: the answer on idle connection %d", round, i).isPositive();
                    idle.add(socket);
                }
                Socket hammer = new Socket("127.0.0.1", server.port());
                busy = Thread.ofPlatform().daemon().start(() -> keepBusy(hammer, stop));
                Thread.sleep(20);
            } finally {
                server.close();
            }
            stop.set(true);
            busy.join(5_000);
            for (int i = 0; i < idle.size(); i++) {
                try (Socket socket = idle.get(i)) {
                    assertThat(readUntilEnd(socket.getInputStream()))
                            .as("round %d: idle connection %d after close (-1 = closed, -2 = still open 3 s later)", round, i)
                            .isEqualTo(-1);
                }
            }
        }
    }

    @Test
    void onceTheServerStopsAcceptingAResponseSaysConnectionCloseAndClosesItsKeepAliveConnection() throws Exception {
        HttpServer server = oneLoopAnsweringEmpty();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(3_000);
            socket.getOutputStream().write(REQUEST);
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 200")
                    .doesNotContainIgnoringCase("connection: close");
            server.stopAccepting();
            socket.getOutputStream().write(REQUEST);
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 200")
                    .containsIgnoringCase("connection: close");
            assertThat(readUntilEnd(socket.getInputStream())).as("-1 = closed, -2 = still open 3 s later").isEqualTo(-1);
        } finally {
            server.close();
        }
    }

    /** One answer with no body: its status line and headers. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) break;
            head.append((char) b);
        }
        return head.toString();
    }

    /** One event loop; every request answered 200 with no body, on the loop. */
    private static HttpServer oneLoopAnsweringEmpty() throws InterruptedException {
        return HttpServer.start("127.0.0.1", 0, 1, 65536, new HttpDispatcher(new CorsPolicy(List.of()), List.of(),
                (ctx, request) -> {
                    var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
                    HttpDispatcher.write(ctx, request, response);
                }));
    }

    private static int readAnswer(InputStream in) throws IOException {
        return in.read(new byte[4096]);
    }

    private static int readUntilEnd(InputStream in) throws IOException {
        try {
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) > 0) {
                // an answer still in flight
            }
            return n;
        } catch (SocketTimeoutException e) {
            return -2;
        } catch (IOException e) {
            return -1; // reset: closed too
        }
    }

    /** Pipelines requests and drains answers until told to stop or the server goes away. */
    private static void keepBusy(Socket socket, AtomicBoolean stop) {
        try (socket) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            byte[] burst = new byte[REQUEST.length * 32];
            for (int i = 0; i < 32; i++) System.arraycopy(REQUEST, 0, burst, i * REQUEST.length, REQUEST.length);
            while (!stop.get()) {
                out.write(burst);
                if (in.available() > 0 && in.read(buffer) < 0) return;
            }
        } catch (IOException e) {
            // the server went away: expected
        }
    }
}
