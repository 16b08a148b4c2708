package dev.switchboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpServerLoopsTest {

    @Test
    void theEventLoopsGetHalfTheCoresRoundedUpAndAtLeastOne() {
        assertThat(HttpServer.loopsFor(1)).isEqualTo(1);
        assertThat(HttpServer.loopsFor(2)).isEqualTo(1);
        assertThat(HttpServer.loopsFor(3)).isEqualTo(2);
        assertThat(HttpServer.loopsFor(16)).isEqualTo(8);
    }
}
