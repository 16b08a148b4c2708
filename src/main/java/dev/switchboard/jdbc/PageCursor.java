package dev.switchboard.jdbc;

import dev.switchboard.common.SwitchboardException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/** Position after the last row of a page ordered by (time, id) descending, as an opaque string. */
record PageCursor(Instant at, String id) {
    String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** VALIDATION_FAILED for anything that is not a cursor this class made. */
    static PageCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            long micros = Long.parseLong(raw.substring(0, colon));
            String id = raw.substring(colon + 1);
            if (id.isEmpty()) throw new IllegalArgumentException("no id");
            return new PageCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
        } catch (RuntimeException e) {
            throw SwitchboardException.invalid("invalid cursor");
        }
    }
}
