package dev.switchboard.routing;

import dev.switchboard.identity.UserId;
import java.time.Instant;

/** A customer being served by an agent since a moment. */
public record Assignment(QueueEntryId entry, UserId agent, Instant assignedAt) {}
