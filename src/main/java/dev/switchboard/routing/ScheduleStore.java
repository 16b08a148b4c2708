package dev.switchboard.routing;

import dev.switchboard.identity.UserId;
import java.time.Instant;
import java.util.List;

/** Durable home of agents' schedules (port; the adapter lives in {@code jdbc}). Methods block on I/O. */
public interface ScheduleStore {

    /** Replaces all shifts of the agent with these, in one transaction. */
    void replace(UserId agent, List<Shift> shifts, UserId updatedBy, Instant at);

    /** The agent's shifts, earliest first. */
    List<Shift> shiftsOf(UserId agent);

    /** Every agent's shifts that end after {@code from} and start before {@code to}, earliest first. */
    List<Shift> between(Instant from, Instant to);

    /** Whether some agent's shift covers the moment. */
    boolean anyoneOnShift(Instant at);
}
