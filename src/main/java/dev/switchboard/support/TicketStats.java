package dev.switchboard.support;

import dev.switchboard.identity.UserId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Support desk statistics (C9) for chats created in [{@code from}, {@code to}), all computed by the
 * database. Notes are counted apart from messages ({@code notes}), never in {@code messages}.
 *
 * @param messages      customer-visible messages (not deleted) of those chats
 * @param notes         internal notes of those chats
 * @param perDay        chats created per UTC day, days without chats left out, oldest first
 * @param firstResponse seconds from creation to the first customer-visible staff message, of chats that have one
 * @param resolution    seconds from creation to resolution, of chats resolved (or closed) now
 * @param statuses      those chats by their current status, every status present
 * @param workload      now, across all chats: per assignee, their open and in-progress chats
 */
public record TicketStats(
        Instant from, Instant to, long chats, long messages, long notes, List<DayCount> perDay,
        Durations firstResponse, Durations resolution, Map<TicketStatus, Long> statuses, List<Workload> workload) {

    public record DayCount(LocalDate day, long chats) {}

    /**
     * Median and 90th percentile in seconds, to the millisecond (linear interpolation between the
     * sorted durations, as PERCENTILE_CONT); null when count is 0.
     */
    public record Durations(long count, Double medianSeconds, Double p90Seconds) {}

    public record Workload(UserId assignee, String name, long open, long inProgress) {}
}
