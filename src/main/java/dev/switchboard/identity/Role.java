package dev.switchboard.identity;

import dev.switchboard.common.SwitchboardException;
import java.util.Locale;

/**
 * What a user may do. Wire names are the lower-case names of seed 001; seeds 000 and 004 call
 * customers "user" and agents "technician", which {@link #fromWire} accepts as aliases.
 */
public enum Role {
    CUSTOMER("customer"),
    AGENT("agent"),
    ADMIN("admin"),
    SELLER("seller"),
    MANAGER("manager");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Support staff: the people who answer customers and sellers. */
    public boolean isStaff() {
        return this == AGENT || this == ADMIN || this == MANAGER;
    }

    /** Parses a wire name or alias, ignoring case; anything else is VALIDATION_FAILED. */
    public static Role fromWire(String name) {
        if (name == null) throw SwitchboardException.invalid("role is missing");
        String key = name.trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case "user" -> CUSTOMER;
            case "technician" -> AGENT;
            default -> {
                for (Role role : values()) {
                    if (role.wire.equals(key)) yield role;
                }
                throw SwitchboardException.invalid("unknown role: " + name);
            }
        };
    }
}
