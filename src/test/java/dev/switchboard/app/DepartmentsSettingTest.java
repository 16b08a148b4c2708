package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.routing.Department;
import dev.switchboard.routing.DepartmentChoice;
import java.util.List;
import org.junit.jupiter.api.Test;

class DepartmentsSettingTest {

    @Test
    void parsesIdNamePairsAndFormatsThemBack() {
        List<DepartmentChoice> choices = Setting.DEPARTMENTS.parse(" billing:Billing , tech:Technical support");

        assertThat(choices).containsExactly(new DepartmentChoice(Department.of("billing"), "Billing"),
                new DepartmentChoice(Department.of("tech"), "Technical support"));
        assertThat(SettingType.DEPARTMENTS.format(choices)).isEqualTo("billing:Billing,tech:Technical support");
        assertThat(Setting.DEPARTMENTS.parse("")).isEmpty();
    }

    @Test
    void refusesPairsWithoutANameOrIdAndRepeatedIds() {
        assertThatThrownBy(() -> Setting.DEPARTMENTS.parse("billing")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Setting.DEPARTMENTS.parse("billing:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Setting.DEPARTMENTS.parse(":Billing")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Setting.DEPARTMENTS.parse("a:A,a:B")).isInstanceOf(IllegalArgumentException.class);
    }
}
