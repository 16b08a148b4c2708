package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HandlerCarriersTest {

    @Test
    void fromJdk24HandlersGetHalfTheCoresAndAtLeastOne() {
        assertThat(HandlerCarriers.choose(2, 24, null)).hasValue(1);
        assertThat(HandlerCarriers.choose(1, 25, null)).hasValue(1);
        assertThat(HandlerCarriers.choose(16, 25, null)).hasValue(8);
        assertThat(HandlerCarriers.choose(3, 25, null)).hasValue(1);
    }

    @Test
    void beforeJdk24TheJdksDefaultStaysBecauseSynchronizedPinsCarriers() {
        assertThat(HandlerCarriers.choose(2, 21, null)).isEmpty();
        assertThat(HandlerCarriers.choose(16, 23, null)).isEmpty();
    }

    @Test
    void aParallelismSetOnTheCommandLineWins() {
        assertThat(HandlerCarriers.choose(2, 25, "2")).isEmpty();
        assertThat(HandlerCarriers.choose(8, 25, "1")).isEmpty();
    }
}
