package dev.switchboard.routing;

import dev.switchboard.common.SwitchboardException;
import java.util.Objects;
import java.util.Set;

/**
 * A team customers can choose before the chat ("billing", "tech"). Free strings chosen by the host;
 * the empty id is the general department, which every agent serves. Surrounding blanks are dropped.
 */
public record Department(String id) {
    public static final int MAX_LENGTH = 64;
    public static final Department GENERAL = new Department("");

    public Department {
        Objects.requireNonNull(id, "id");
        id = id.strip();
        if (id.length() > MAX_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
            throw SwitchboardException.invalid("department must be at most " + MAX_LENGTH + " printable characters");
        }
    }

    /** The department named on the wire; null or blank is the general one. */
    public static Department of(String id) {
        return id == null ? GENERAL : new Department(id);
    }

    public boolean isGeneral() {
        return id.isEmpty();
    }

    /**
     * Whether an agent with these departments may serve customers of this one: everyone serves the
     * general department, and an agent without departments is a generalist who serves all of them.
     */
    public boolean isServedBy(Set<Department> agentDepartments) {
        return isGeneral() || agentDepartments.isEmpty() || agentDepartments.contains(this);
    }

    @Override
    public String toString() {
        return isGeneral() ? "(general)" : id;
    }
}
