package dev.switchboard.engineio;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Frames reach the client in the order they were sent, whichever thread sent them: a write on the
 * session's loop (an event answered there) waits behind writes other threads handed to the loop
 * before it (a virtual thread's ack), instead of overtaking them.
 */
class EngineSessionOrderTest {
    private final DefaultEventLoop loop = new DefaultEventLoop();
    private final EmbeddedChannel webSocket = new EmbeddedChannel();

    @AfterEach
    void stop() throws Exception {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        webSocket.finishAndReleaseAll();
    }

    @Test
    void aWriteOnTheLoopWaitsBehindOneAnotherThreadHandedOverBeforeIt() throws Exception {
        EngineSession session = session();
        CountDownLatch loopBusy = new CountDownLatch(1);
        CountDownLatch handedOver = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(() -> { // the loop reading an event while a virtual thread answers an earlier one
            loopBusy.countDown();
            await(handedOver);
            session.sendMessage("second");
        });
        assertThat(loopBusy.await(5, TimeUnit.SECONDS)).isTrue();
        session.sendMessage("first"); // from this thread: handed over to the busy loop
        handedOver.countDown();
        loop.execute(done::countDown);
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        loop.submit(() -> { }).get(5, TimeUnit.SECONDS); // "second" was queued while the first task ran

        assertThat(written()).containsExactly("4first", "4second");
    }

    @Test
    void aWriteOnTheLoopGoesOutAtOnceWhenNothingWasHandedOver() throws Exception {
        EngineSession session = session();
        List<String> seenBeforeReturn = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(() -> {
            session.sendMessage("now");
            seenBeforeReturn.addAll(written());
            done.countDown();
        });
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(seenBeforeReturn).containsExactly("4now");
    }

    private EngineSession session() {
        EngineServer server = new EngineServer(new EngineConfig("/engine.io/", 25_000, 20_000, 1_000_000, 10_000),
                HttpDecorator.NONE, s -> { });
        return new EngineSession("sid", loop, server, new Handshake(Map.of(), new DefaultHttpHeaders(), null), webSocket);
    }

    private List<String> written() {
        List<String> texts = new ArrayList<>();
        TextWebSocketFrame frame;
        while ((frame = webSocket.readOutbound()) != null) {
            texts.add(frame.text());
            frame.release();
        }
        return texts;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
