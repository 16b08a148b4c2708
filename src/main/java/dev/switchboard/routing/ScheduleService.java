package dev.switchboard.routing;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.identity.Role;
import dev.switchboard.identity.User;
import dev.switchboard.identity.UserId;
import dev.switchboard.identity.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Technician schedules and staffed hours (C8): agents (or admins for them) set their shifts, anyone
 * signed in may read them, and the desk asks whether someone is on shift now (to tell a customer
 * who finds nobody available whether to wait or to leave a message). Blocks on storage.
 */
public final class ScheduleService {
    /** Shifts one agent may have stored at once. */
    public static final int MAX_SHIFTS = 200;
    /** How far ahead (and back) a shift may lie. */
    public static final Duration HORIZON = Duration.ofDays(366);
    /** What {@link #upcoming()} covers. */
    public static final Duration UPCOMING = Duration.ofDays(14);

    private final ScheduleStore store;
    private final UserStore users;
    private final Clock clock;

    public ScheduleService(ScheduleStore store, UserStore users, Clock clock) {
        this.store = Objects.requireNonNull(store);
        this.users = Objects.requireNonNull(users);
        this.clock = Objects.requireNonNull(clock);
    }

    /** A shift as a client asks for it, before it has an id. */
    public record ShiftRequest(Instant startsAt, Instant endsAt, String note) {}

    /**
     * Replaces the agent's shifts. The actor is the agent themselves or an admin; the agent must be
     * an agent or admin. Shifts must not overlap; at most {@value #MAX_SHIFTS}, each within a year.
     */
    public List<Shift> set(User actor, UserId agent, List<ShiftRequest> requests) {
        if (!actor.id().equals(agent) && actor.role() != Role.ADMIN) {
            throw new SwitchboardException(ErrorCode.FORBIDDEN, "only admins change other agents' schedules");
        }
        if (!isStaff(actor.role())) {
            throw new SwitchboardException(ErrorCode.FORBIDDEN, "only agents and admins have schedules");
        }
        User target = users.findById(agent).orElseThrow(() -> SwitchboardException.notFound(ErrorCode.AGENT_NOT_FOUND, "agent " + agent));
        if (!isStaff(target.role())) throw SwitchboardException.notFound(ErrorCode.AGENT_NOT_FOUND, "agent " + agent);
        if (requests.size() > MAX_SHIFTS) throw SwitchboardException.invalid("at most " + MAX_SHIFTS + " shifts");
        Instant now = clock.instant();
        List<Shift> shifts = new ArrayList<>();
        for (ShiftRequest r : requests) {
            Shift s = new Shift(UUID.randomUUID().toString(), agent, r.startsAt(), r.endsAt(), r.note());
            if (s.endsAt().isBefore(now.minus(HORIZON)) || s.startsAt().isAfter(now.plus(HORIZON))) {
                throw SwitchboardException.invalid("shifts must lie within a year from now");
            }
            shifts.add(s);
        }
        shifts.sort(Comparator.comparing(Shift::startsAt));
        for (int i = 1; i < shifts.size(); i++) {
            if (shifts.get(i).startsAt().isBefore(shifts.get(i - 1).endsAt())) {
                throw SwitchboardException.invalid("shifts must not overlap");
            }
        }
        store.replace(agent, shifts, actor.id(), now);
        return List.copyOf(shifts);
    }

    public List<Shift> of(UserId agent) {
        return store.shiftsOf(agent);
    }

    /** Every agent's shifts from now for {@link #UPCOMING}, the one going on now included. */
    public List<Shift> upcoming() {
        Instant now = clock.instant();
        return store.between(now, now.plus(UPCOMING));
    }

    public boolean anyoneOnShiftNow() {
        return store.anyoneOnShift(clock.instant());
    }

    private static boolean isStaff(Role role) {
        return role == Role.AGENT || role == Role.ADMIN;
    }
}
