package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class CloseWhenStoppingTest {
    private static FullHttpResponse keepAlive(HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        HttpUtil.setKeepAlive(response, true);
        return response;
    }

    @Test
    void responsesKeepTheirConnectionsUntilTheStopAndCloseThemAfter() {
        CloseWhenStopping handler = new CloseWhenStopping();
        EmbeddedChannel channel = new EmbeddedChannel(handler);
        channel.writeAndFlush(keepAlive(HttpResponseStatus.OK), channel.voidPromise());
        FullHttpResponse before = channel.readOutbound();
        assertThat(HttpUtil.isKeepAlive(before)).isTrue();
        assertThat(channel.isOpen()).isTrue();

        handler.stop();
        channel.writeAndFlush(keepAlive(HttpResponseStatus.OK), channel.voidPromise());
        FullHttpResponse after = channel.readOutbound();
        assertThat(HttpUtil.isKeepAlive(after)).as("Connection: close").isFalse();
        assertThat(channel.isOpen()).isFalse();
        before.release();
        after.release();
    }

    @Test
    void aWebSocketUpgradeIsLeftAloneAndTakesTheHandlerOutOfItsConnection() {
        CloseWhenStopping handler = new CloseWhenStopping();
        handler.stop();
        EmbeddedChannel channel = new EmbeddedChannel(handler);
        channel.writeAndFlush(keepAlive(HttpResponseStatus.SWITCHING_PROTOCOLS));
        FullHttpResponse upgrade = channel.readOutbound();
        assertThat(HttpUtil.isKeepAlive(upgrade)).isTrue();
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.pipeline().get(CloseWhenStopping.class)).isNull();
        upgrade.release();
    }
}
