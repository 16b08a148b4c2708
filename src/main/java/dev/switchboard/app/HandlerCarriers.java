package dev.switchboard.app;

import java.util.OptionalInt;

/**
 * How many carrier threads run the virtual threads that handle events and requests, chosen before the
 * first virtual thread exists (the JDK reads {@value #PARALLELISM} once). On JDK 24 and later, half
 * the cores (at least one): the event loops have the other half. On 2 cores that is one carrier, and
 * the connections' sends then run one after another, so none parks to wait for another's journal
 * write and fewer threads are woken per message: ~10 % less server CPU per message at 10,000 msg/s
 * (docs/performance.md, step 17). Before JDK 24 a virtual thread blocking inside
 * {@code synchronized} (H2 does) pins its carrier, and with one carrier that would stop every
 * handler, so there the JDK's default (one per core) stays. A value set on the command line wins.
 */
final class HandlerCarriers {
    static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";
    /** The first JDK whose virtual threads unmount while blocked in {@code synchronized} (JEP 491). */
    static final int UNPINNED_SYNCHRONIZED_SINCE = 24;

    private HandlerCarriers() {}

    /** The parallelism to set, or empty to leave the JDK's choice (or the operator's) alone. */
    static OptionalInt choose(int cores, int javaFeature, String configured) {
        if (configured != null || javaFeature < UNPINNED_SYNCHRONIZED_SINCE) return OptionalInt.empty();
        return OptionalInt.of(Math.max(1, cores / 2));
    }

    /** Sets the parallelism when {@link #choose} picks one; returns what the server runs with, for the log. */
    static String apply() {
        int cores = Runtime.getRuntime().availableProcessors();
        int feature = Runtime.version().feature();
        String configured = System.getProperty(PARALLELISM);
        OptionalInt chosen = choose(cores, feature, configured);
        if (chosen.isPresent()) {
            System.setProperty(PARALLELISM, Integer.toString(chosen.getAsInt()));
            return chosen.getAsInt() + " (half of " + cores + " cores)";
        }
        return configured != null ? configured + " (-D" + PARALLELISM + ")"
                : cores + " (the JDK's default: JDK " + feature + " pins carriers in synchronized)";
    }
}
