package dev.switchboard.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Latencies in microseconds, exact below 1,024 µs and within 0.2 % above (512 sub-buckets per
 * power of two, as HdrHistogram does); mergeable across threads and processes. Not thread-safe:
 * one per event loop.
 */
final class Histogram {
    private static final int SUB = 512;
    private static final int BUCKETS = 1024 + 40 * SUB;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long max;

    void recordNanos(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        counts[index(micros)]++;
        total++;
        if (micros > max) max = micros;
    }

    long count() {
        return total;
    }

    long maxMicros() {
        return max;
    }

    void add(Histogram other) {
        for (int i = 0; i < BUCKETS; i++) counts[i] += other.counts[i];
        total += other.total;
        max = Math.max(max, other.max);
    }

    /** The value at quantile {@code q} (0..1), in milliseconds; 0 when empty. */
    double percentileMillis(double q) {
        if (total == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) return Math.min(upperMicros(i), max) / 1000.0;
        }
        return max / 1000.0;
    }

    /** Sparse form for a child's JSON result: bucket index → count, plus "max". */
    Map<String, Long> toSparse() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < BUCKETS; i++) if (counts[i] != 0) m.put(Integer.toString(i), counts[i]);
        m.put("max", max);
        return m;
    }

    static Histogram fromSparse(Map<String, ? extends Number> m) {
        Histogram h = new Histogram();
        m.forEach((k, v) -> {
            if (k.equals("max")) {
                h.max = Math.max(h.max, v.longValue());
            } else {
                h.counts[Integer.parseInt(k)] += v.longValue();
                h.total += v.longValue();
            }
        });
        return h;
    }

    static int index(long micros) {
        if (micros < 1024) return (int) micros;
        int shift = 63 - Long.numberOfLeadingZeros(micros) - 9; // >= 1; micros >> shift is in [512, 1024)
        int i = 1024 + (shift - 1) * SUB + (int) ((micros >> shift) - SUB);
        return Math.min(i, BUCKETS - 1);
    }

    static long upperMicros(int index) {
        if (index < 1024) return index;
        int shift = (index - 1024) / SUB + 1;
        long sub = (index - 1024) % SUB + SUB;
        return ((sub + 1) << shift) - 1;
    }
}
