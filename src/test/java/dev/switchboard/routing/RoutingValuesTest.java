package dev.switchboard.routing;

import static dev.switchboard.routing.RoutingKit.fails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.common.ErrorCode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingValuesTest {

    @Test
    void departmentsAreTrimmedAndBlankMeansGeneral() {
        assertThat(Department.of(null)).isEqualTo(Department.GENERAL);
        assertThat(Department.of("  ")).isEqualTo(Department.GENERAL);
        assertThat(Department.of(" billing ")).isEqualTo(new Department("billing"));
        fails(ErrorCode.VALIDATION_FAILED, () -> new Department("x".repeat(Department.MAX_LENGTH + 1)));
        fails(ErrorCode.VALIDATION_FAILED, () -> new Department("bad\nname"));
    }

    @Test
    void generalDepartmentIsServedByEveryoneAndGeneralistsServeAll() {
        Department billing = new Department("billing");
        assertThat(Department.GENERAL.isServedBy(Set.of(billing))).isTrue();
        assertThat(billing.isServedBy(Set.of())).isTrue();
        assertThat(billing.isServedBy(Set.of(new Department("tech")))).isFalse();
    }

    @Test
    void customerDetailsAreBoundedBecauseVisitorsSendThem() {
        assertThat(new CustomerDetails(null, " a@b.c ", null, null))
                .isEqualTo(new CustomerDetails("", "a@b.c", "", Map.of()));
        fails(ErrorCode.VALIDATION_FAILED, () -> CustomerDetails.of("n".repeat(CustomerDetails.MAX_NAME + 1), "", ""));
        fails(ErrorCode.VALIDATION_FAILED, () -> CustomerDetails.of("", "", "t".repeat(CustomerDetails.MAX_TOPIC + 1)));
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= CustomerDetails.MAX_FIELDS; i++) many.put("k" + i, "v");
        fails(ErrorCode.VALIDATION_FAILED, () -> new CustomerDetails("", "", "", many));
        fails(ErrorCode.VALIDATION_FAILED, () -> new CustomerDetails("", "", "", Map.of(" ", "v")));
        fails(ErrorCode.VALIDATION_FAILED,
                () -> new CustomerDetails("", "", "", Map.of("k", "v".repeat(CustomerDetails.MAX_FIELD_VALUE + 1))));
    }

    @Test
    void strategiesParseFromTheirWireNamesAndManualRoutesCallsRoundRobin() {
        assertThat(Strategy.fromWire("least_busy")).isEqualTo(Strategy.LEAST_BUSY);
        assertThat(Strategy.fromWire(" Round_Robin")).isEqualTo(Strategy.ROUND_ROBIN);
        assertThat(Strategy.MANUAL.automatic()).isEqualTo(Strategy.ROUND_ROBIN);
        assertThat(Strategy.LEAST_BUSY.automatic()).isEqualTo(Strategy.LEAST_BUSY);
        fails(ErrorCode.VALIDATION_FAILED, () -> Strategy.fromWire("random"));
    }

    @Test
    void settingsRejectNegativeDurationsAndImpossibleLimits() {
        RoutingSettings defaults = RoutingSettings.defaults();
        assertThat(defaults.usesOffers()).isFalse();
        assertThat(defaults.withOfferTimeout(Duration.ofSeconds(1)).usesOffers()).isTrue();
        fails(ErrorCode.VALIDATION_FAILED, () -> defaults.withDefaultMaxChats(0));
        fails(ErrorCode.VALIDATION_FAILED, () -> defaults.withOfferTimeout(Duration.ofSeconds(-1)));
        fails(ErrorCode.VALIDATION_FAILED, () -> defaults.withOfflineGrace(Duration.ofSeconds(-1)));
        fails(ErrorCode.VALIDATION_FAILED, () -> defaults.withMaxQueueWait(Duration.ofSeconds(-1)));
    }

    @Test
    void entrySnapshotsExposeOfferAndAssignmentOnlyInThoseStates() {
        RoutingKit kit = new RoutingKit(RoutingSettings.defaults().withOfferTimeout(Duration.ofSeconds(10)));
        var zoe = kit.agent("zoe");
        var ann = kit.join("ann");
        assertThat(kit.entryOf(ann).offer()).contains(new Offer(kit.idOf(ann), zoe, RoutingKit.START.plusSeconds(10)));
        assertThat(kit.entryOf(ann).assignment()).isEmpty();
        kit.engine.accept(zoe, kit.idOf(ann));
        assertThat(kit.entryOf(ann).assignment()).contains(new Assignment(kit.idOf(ann), zoe, RoutingKit.START));
        assertThat(kit.entryOf(ann).offer()).isEmpty();
    }
}
