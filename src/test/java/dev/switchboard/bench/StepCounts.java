package dev.switchboard.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one process counted in one measured step; children send it to their parent as JSON and
 * the parent merges them. {@code lost} and {@code duplicated} count deliveries (message × receiving
 * socket) over the whole step, warm-up included; latencies only cover messages sent in the window.
 */
record StepCounts(long sent, long expectedDeliveries, long deliveries, long deliveredInWindow, long lost,
        long duplicated, long acks, long missingAcks, long ackErrors, long strays, String firstError,
        Histogram delivery, Histogram ack, long genCpuMillis) {

    StepCounts merge(StepCounts o) {
        Histogram d = new Histogram();
        d.add(delivery);
        d.add(o.delivery);
        Histogram a = new Histogram();
        a.add(ack);
        a.add(o.ack);
        return new StepCounts(sent + o.sent, expectedDeliveries + o.expectedDeliveries, deliveries + o.deliveries,
                deliveredInWindow + o.deliveredInWindow, lost + o.lost, duplicated + o.duplicated, acks + o.acks,
                missingAcks + o.missingAcks, ackErrors + o.ackErrors, strays + o.strays,
                firstError != null ? firstError : o.firstError, d, a, genCpuMillis + o.genCpuMillis);
    }

    boolean clean() {
        return lost == 0 && duplicated == 0 && missingAcks == 0 && ackErrors == 0;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sent", sent);
        m.put("expectedDeliveries", expectedDeliveries);
        m.put("deliveries", deliveries);
        m.put("deliveredInWindow", deliveredInWindow);
        m.put("lost", lost);
        m.put("duplicated", duplicated);
        m.put("acks", acks);
        m.put("missingAcks", missingAcks);
        m.put("ackErrors", ackErrors);
        m.put("strays", strays);
        m.put("firstError", firstError);
        m.put("deliveryHistogram", delivery.toSparse());
        m.put("ackHistogram", ack.toSparse());
        m.put("genCpuMillis", genCpuMillis);
        return m;
    }

    @SuppressWarnings("unchecked")
    static StepCounts fromJson(Map<String, Object> m) {
        return new StepCounts(num(m, "sent"), num(m, "expectedDeliveries"), num(m, "deliveries"),
                num(m, "deliveredInWindow"), num(m, "lost"), num(m, "duplicated"), num(m, "acks"),
                num(m, "missingAcks"), num(m, "ackErrors"), num(m, "strays"), (String) m.get("firstError"),
                Histogram.fromSparse((Map<String, Number>) m.get("deliveryHistogram")),
                Histogram.fromSparse((Map<String, Number>) m.get("ackHistogram")), num(m, "genCpuMillis"));
    }

    private static long num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    /**
     * The published figures of a step: rates, latencies, loss, and CPU per delivered message of
     * the server ({@code serverCpuMillis} over the window; also without its JIT compiler threads'
     * {@code serverJitCpuMillis}, which a longer-running server no longer spends) and of the generator.
     */
    Map<String, Object> report(int offeredRate, int windowSeconds, long serverCpuMillis, long serverJitCpuMillis,
            long windowMillis) {
        Map<String, Object> m = new LinkedHashMap<>();
        double seconds = windowMillis / 1000.0;
        m.put("offeredRate", offeredRate);
        m.put("achievedRate", round(deliveredInWindow / seconds / Math.max(1, expectedDeliveries / Math.max(1, sent))));
        m.put("deliveriesPerSecond", round(deliveredInWindow / seconds));
        m.put("p50Ms", delivery.percentileMillis(0.50));
        m.put("p90Ms", delivery.percentileMillis(0.90));
        m.put("p99Ms", delivery.percentileMillis(0.99));
        m.put("maxMs", delivery.maxMicros() / 1000.0);
        m.put("ackP50Ms", ack.percentileMillis(0.50));
        m.put("ackP99Ms", ack.percentileMillis(0.99));
        m.put("ackMaxMs", ack.maxMicros() / 1000.0);
        m.put("sent", sent);
        m.put("deliveries", deliveries);
        m.put("lost", lost);
        m.put("duplicated", duplicated);
        m.put("missingAcks", missingAcks);
        m.put("ackErrors", ackErrors);
        if (firstError != null) m.put("firstError", firstError);
        m.put("serverCpuMillis", serverCpuMillis);
        m.put("serverCpuUsPerDelivery", deliveredInWindow == 0 ? 0 : round(serverCpuMillis * 1000.0 / deliveredInWindow));
        m.put("serverCpuPercent", round(100.0 * serverCpuMillis / windowMillis));
        m.put("serverJitCpuMillis", serverJitCpuMillis);
        m.put("serverCpuUsPerDeliveryNoJit", deliveredInWindow == 0 ? 0
                : round((serverCpuMillis - serverJitCpuMillis) * 1000.0 / deliveredInWindow));
        m.put("genCpuPercent", round(100.0 * genCpuMillis / windowMillis));
        m.put("genCpuUsPerDelivery", deliveredInWindow == 0 ? 0 : round(genCpuMillis * 1000.0 / deliveredInWindow));
        m.put("windowSeconds", windowSeconds);
        return m;
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
