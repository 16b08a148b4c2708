package dev.switchboard.identity;

import java.util.Locale;

/** Where a user comes from, which decides who is authoritative for the user's data. */
public enum UserKind {
    /** Known from a host application's tokens; the token's claims are authoritative. */
    EXTERNAL,
    /** A built-in account with a password; Switchboard is authoritative. */
    LOCAL,
    /** An anonymous widget visitor, always a customer. */
    VISITOR;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UserKind fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
