package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void wireNamesAndSeedAliasesParseIgnoringCase() {
        assertThat(Role.fromWire("customer")).isEqualTo(Role.CUSTOMER);
        assertThat(Role.fromWire("User")).isEqualTo(Role.CUSTOMER);
        assertThat(Role.fromWire("TECHNICIAN")).isEqualTo(Role.AGENT);
        assertThat(Role.fromWire(" manager ")).isEqualTo(Role.MANAGER);
        for (Role role : Role.values()) assertThat(Role.fromWire(role.wire())).isEqualTo(role);
    }

    @Test
    void unknownRoleIsAValidationFailure() {
        assertThatThrownBy(() -> Role.fromWire("superuser"))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> Role.fromWire(null)).isInstanceOf(SwitchboardException.class);
    }

    @Test
    void agentsAdminsAndManagersAreStaff() {
        assertThat(Role.values()).filteredOn(Role::isStaff).containsExactlyInAnyOrder(Role.AGENT, Role.ADMIN, Role.MANAGER);
    }
}
