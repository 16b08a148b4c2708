package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void percentilesAreExactBelowOneMillisecondAndWithinTwoTenthsOfAPercentAbove() {
        Histogram h = new Histogram();
        for (int micros = 1; micros <= 100_000; micros++) h.recordNanos(micros * 1000L);

        assertThat(h.percentileMillis(0.005)).isEqualTo(0.5);
        assertThat(h.percentileMillis(0.50)).isCloseTo(50.0, within(0.1));
        assertThat(h.percentileMillis(0.99)).isCloseTo(99.0, within(0.2));
        assertThat(h.percentileMillis(1.0)).isEqualTo(100.0);
    }

    @Test
    void everyBucketsUpperBoundHoldsTheValuesThatMapToIt() {
        for (long micros = 0; micros < 5_000_000; micros += 7) {
            int i = Histogram.index(micros);
            assertThat(Histogram.upperMicros(i)).isGreaterThanOrEqualTo(micros);
            if (i > 0) assertThat(Histogram.upperMicros(i - 1)).isLessThan(micros);
        }
    }

    @Test
    void aHistogramSurvivesTheTripThroughAChildsJsonAndMerges() {
        Histogram a = new Histogram();
        a.recordNanos(2_000_000);
        Histogram b = Histogram.fromSparse(Map.of(Integer.toString(Histogram.index(2000)), 3L, "max", 2000L));

        a.add(Histogram.fromSparse(a.toSparse()));
        a.add(b);

        assertThat(a.count()).isEqualTo(5);
        assertThat(a.maxMicros()).isEqualTo(2000);
    }
}
