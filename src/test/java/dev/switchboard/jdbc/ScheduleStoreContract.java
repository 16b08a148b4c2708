package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.identity.Role;
import dev.switchboard.identity.UserId;
import dev.switchboard.routing.Shift;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What every {@link JdbcScheduleStore} must do, whichever database is behind it. */
abstract class ScheduleStoreContract extends ConversationContractBase {
    private JdbcScheduleStore schedules;

    @BeforeAll
    void openSchedules() {
        schedules = new JdbcScheduleStore(db.database());
    }

    private static Shift shift(UserId agent, Instant start, Duration length, String note) {
        return new Shift(UUID.randomUUID().toString(), agent, start, start.plus(length), note);
    }

    @Test
    void replacingAnAgentsShiftsStoresExactlyTheNewOnesInOrder() {
        UserId agent = user(Role.AGENT);
        Instant t = Instant.parse("2031-05-01T08:00:00Z");
        schedules.replace(agent, List.of(shift(agent, t, Duration.ofHours(8), "old")), agent, t);
        Shift late = shift(agent, t.plus(Duration.ofDays(1)), Duration.ofHours(4), "late");
        Shift early = shift(agent, t, Duration.ofHours(2), "early");

        schedules.replace(agent, List.of(late, early), agent, t);

        assertThat(schedules.shiftsOf(agent)).containsExactly(early, late);
    }

    @Test
    void someoneIsOnShiftFromTheStartUpToButNotIncludingTheEnd() {
        UserId agent = user(Role.AGENT);
        Instant t = Instant.parse("2032-06-01T08:00:00Z");
        schedules.replace(agent, List.of(shift(agent, t, Duration.ofHours(1), "")), agent, t);

        assertThat(schedules.anyoneOnShift(t.minusSeconds(1))).isFalse();
        assertThat(schedules.anyoneOnShift(t)).isTrue();
        assertThat(schedules.anyoneOnShift(t.plusSeconds(3599))).isTrue();
        assertThat(schedules.anyoneOnShift(t.plusSeconds(3600))).isFalse();
        assertThat(schedules.between(t.plusSeconds(1800), t.plusSeconds(7200))).extracting(Shift::agent).containsExactly(agent);
        assertThat(schedules.between(t.plusSeconds(3600), t.plusSeconds(7200))).isEmpty();
    }

    @Test
    void anEmptyListClearsTheSchedule() {
        UserId agent = user(Role.AGENT);
        Instant t = Instant.parse("2033-01-01T08:00:00Z");
        schedules.replace(agent, List.of(shift(agent, t, Duration.ofHours(1), "")), agent, t);

        schedules.replace(agent, List.of(), agent, t);

        assertThat(schedules.shiftsOf(agent)).isEmpty();
    }
}
