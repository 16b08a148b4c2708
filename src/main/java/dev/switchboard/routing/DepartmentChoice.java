package dev.switchboard.routing;

import java.util.Objects;

/** A department customers may choose before the chat (setting DEPARTMENTS): its id and display name. */
public record DepartmentChoice(Department department, String name) {
    public DepartmentChoice {
        Objects.requireNonNull(department, "department");
        Objects.requireNonNull(name, "name");
        if (department.isGeneral()) throw new IllegalArgumentException("the general department is always offered");
        if (name.isBlank()) throw new IllegalArgumentException("department " + department.id() + " needs a name");
    }
}
