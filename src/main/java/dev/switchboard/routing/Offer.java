package dev.switchboard.routing;

import dev.switchboard.identity.UserId;
import java.time.Instant;

/** A customer offered to one agent, who must accept before the deadline or it passes to the next. */
public record Offer(QueueEntryId entry, UserId agent, Instant deadline) {}
