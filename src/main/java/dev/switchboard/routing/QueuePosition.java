package dev.switchboard.routing;

import dev.switchboard.identity.UserId;
import java.time.Duration;

/** Where a waiting customer stands in their department's queue (1 = next) and how long it may take. */
public record QueuePosition(QueueEntryId entry, UserId customer, Department department, int position,
        Duration estimatedWait) {}
