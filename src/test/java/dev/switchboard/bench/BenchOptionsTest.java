package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    private static final String SECRET = "bench-jwt-secret-0123456789-abcdefghijklmnop";

    @Test
    void theWarmUpBeforeTheMemoryBaselineIsAFifthOfTheSocketsUnlessGiven() {
        assertThat(BenchOptions.parse("--jwt-secret", SECRET).warmupSockets()).isEqualTo(-1);
        assertThat(BenchOptions.parse("--jwt-secret", SECRET, "--warmup-sockets", "0").warmupSockets()).isZero();
        assertThat(BenchOptions.parse("--jwt-secret", SECRET, "--warmup-sockets", "500").warmupSockets()).isEqualTo(500);
    }

    @Test
    void aWarmUpOutsideWhatOneProcessCanOpenIsRefused() {
        assertThatThrownBy(() -> BenchOptions.parse("--jwt-secret", SECRET, "--warmup-sockets", "-2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--warmup-sockets");
        assertThatThrownBy(() -> BenchOptions.parse("--jwt-secret", SECRET, "--warmup-sockets", "9501"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--warmup-sockets");
    }
}
