package dev.switchboard.e2e;

import static dev.switchboard.e2e.E2e.messages;
import static dev.switchboard.e2e.E2e.texts;
import static dev.switchboard.testing.SocketClient.array;
import static dev.switchboard.testing.SocketClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.identity.UserId;
import dev.switchboard.routing.Shift;
import dev.switchboard.routing.Strategy;
import dev.switchboard.testing.SocketClient;
import dev.switchboard.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Schedules and hours (C8): shifts set and broadcast, and what a customer hears when nobody is there. */
class ScheduleTest {
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(c -> c.withRouting(c.routing().withStrategy(Strategy.MANUAL)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SocketClient connect(TestServer.TestUser user) {
        return SocketClient.connect(server.url(), user.token(), "websocket");
    }

    private static JSONObject shift(Instant start, Duration length) {
        return json("startsAt", start.toString(), "endsAt", start.plus(length).toString(), "note", "desk");
    }

    @Test
    void anAgentSetsTheirOwnScheduleEveryoneHearsOfItAndOnlyAnAdminChangesSomebodyElses() throws Exception {
        TestServer.TestUser abe = server.user("Abe", "agent");
        TestServer.TestUser bea = server.user("Bea", "agent");
        TestServer.TestUser ada = server.user("Ada", "admin");
        TestServer.TestUser cora = server.user("Cora", "customer");
        Instant nine = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        try (SocketClient a = connect(abe); SocketClient b = connect(bea); SocketClient admin = connect(ada);
                SocketClient c = connect(cora)) {
            c.ok("chat:get_unread_count");
            JSONObject set = a.ok("schedule:set", json("shifts", array(shift(nine, Duration.ofHours(8)))));

            assertThat(set.getString("agentId")).isEqualTo(abe.id());
            assertThat(set.getJSONArray("shifts").getJSONObject(0).getString("startsAt")).isEqualTo(nine.toString());
            assertThat(c.nextObject("schedule:updated").getString("agentId")).isEqualTo(abe.id());
            assertThat(b.failure("schedule:set", json("agentId", abe.id(), "shifts", array())).getString("code"))
                    .isEqualTo("FORBIDDEN");
            admin.ok("schedule:set", json("agentId", abe.id(), "shifts",
                    array(shift(nine, Duration.ofHours(4)), shift(nine.plus(Duration.ofHours(5)), Duration.ofHours(3)))));
            assertThat(c.ok("schedule:get", json("agentId", abe.id())).getJSONArray("shifts").length()).isEqualTo(2);
            assertThat(c.ok("schedule:get", json()).getJSONArray("shifts").length()).isEqualTo(2);
            assertThat(c.failure("schedule:set", json("shifts", array())).getString("code")).isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void shiftsThatEndBeforeTheyStartLastTooLongOverlapOrAreTooManyAreRefused() throws Exception {
        TestServer.TestUser abe = server.user("Abe", "agent");
        Instant nine = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        try (SocketClient a = connect(abe)) {
            JSONArray many = new JSONArray();
            for (int i = 0; i < 201; i++) many.put(shift(nine.plus(Duration.ofHours(2L * i)), Duration.ofHours(1)));
            for (JSONArray bad : new JSONArray[] {
                    array(json("startsAt", nine.toString(), "endsAt", nine.minusSeconds(60).toString())),
                    array(shift(nine, Duration.ofHours(25))),
                    array(shift(nine, Duration.ofHours(2)), shift(nine.plus(Duration.ofHours(1)), Duration.ofHours(2))),
                    array(json("startsAt", "tomorrow", "endsAt", nine.toString())),
                    many}) {
                assertThat(a.failure("schedule:set", json("shifts", bad)).getString("code")).isEqualTo("VALIDATION_FAILED");
            }
            assertThat(server.server().services().schedules().of(new UserId(abe.id()))).isEmpty();
        }
    }

    @Test
    void seed000ScheduleSlotsBecomeOneHourShiftsAndTheScheduleIsBroadcastInTheSeedsShape() throws Exception {
        TestServer.TestUser tim = server.user("Tim", "technician");
        TestServer.TestUser cora = server.user("Cora", "user");
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        try (SocketClient t = connect(tim); SocketClient c = connect(cora)) {
            t.ok("registerUser", json("name", "Tim"));
            c.ok("registerUser", json("name", "Cora"));

            t.emit("updateTechnicianSchedule", array(json("date", tomorrow, "time", "10:00 AM"),
                    json("date", tomorrow, "time", "02:00 PM")));

            JSONArray slots = (JSONArray) c.next("updateTechnicianSchedule");
            assertThat(slots.length()).isEqualTo(2);
            assertThat(slots.getJSONObject(0).getString("date")).isEqualTo(tomorrow);
            assertThat(slots.getJSONObject(0).getString("time")).isEqualTo("10:00 AM");
            assertThat(slots.getJSONObject(1).getString("time")).isEqualTo("02:00 PM");
            assertThat(slots.getJSONObject(1).getString("technicianId")).isEqualTo(tim.id());
            assertThat(server.server().services().schedules().of(new UserId(tim.id())))
                    .extracting(Shift::startsAt)
                    .containsExactly(Instant.parse(tomorrow + "T10:00:00Z"), Instant.parse(tomorrow + "T14:00:00Z"));
            assertThat(c.failure("updateTechnicianSchedule", array()).getString("code")).isEqualTo("FORBIDDEN");
            assertThat(t.failure("updateTechnicianSchedule", array(json("date", tomorrow, "time", "25:00")))
                    .getString("code")).isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void withNobodyAvailableOrOnShiftACustomerIsToldAndLeavesAMessageThatBecomesAnOpenTicket() throws Exception {
        TestServer.TestUser ada = server.user("Ada", "admin");
        TestServer.TestUser cora = server.user("Cora", "customer");
        TestServer.TestUser dan = server.user("Dan", "user");
        try (SocketClient admin = connect(ada); SocketClient c = connect(cora); SocketClient d = connect(dan)) {
            admin.ok("agent:set_availability", json("availability", "offline"));
            String conversationId = c.ok("queue:join", json("topic", "after hours"))
                    .getJSONObject("chat").getString("conversationId");
            assertThat(c.nextObject("queue:no_agents").getBoolean("staffed")).isFalse();
            d.ok("joinLiveChatQueue", json("name", "Dan"));
            assertThat(d.nextObject("queue:no_agents").getBoolean("staffed")).isFalse();

            JSONObject ticket = c.ok("queue:leave_message", json("subject", "Refund", "message", "Please call me back"))
                    .getJSONObject("ticket");

            assertThat(ticket.getString("status")).isEqualTo("open");
            assertThat(ticket.getString("conversationId")).isEqualTo(conversationId);
            assertThat(admin.nextObject("queue:message_left").getJSONObject("ticket").getString("id")).isEqualTo(conversationId);
            assertThat(texts(messages(c, conversationId))).containsExactly("Please call me back");
            assertThat(server.server().services().routing().queries().activeEntry(new UserId(cora.id()))).isEmpty();
            assertThat(c.failure("queue:leave_message", json()).getString("code")).isEqualTo("VALIDATION_FAILED");
            assertThat(admin.failure("queue:leave_message", json("message", "x")).getString("code")).isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void withSomeoneOnShiftButNobodyAvailableTheCustomerIsToldTheDeskIsStaffed() throws Exception {
        TestServer.TestUser abe = server.user("Abe", "agent");
        TestServer.TestUser cora = server.user("Cora", "customer");
        try (SocketClient a = connect(abe); SocketClient c = connect(cora)) {
            a.ok("schedule:set", json("shifts", array(shift(Instant.now().minus(Duration.ofHours(1)), Duration.ofHours(4)))));
            a.ok("agent:set_availability", json("availability", "offline"));

            c.ok("queue:join", json());

            assertThat(c.nextObject("queue:no_agents").getBoolean("staffed")).isTrue();
        }
    }
}
