package dev.switchboard.conversation;

import dev.switchboard.common.SwitchboardException;
import java.util.Locale;

/** What a message carries; wire names are lower case (seed 003 message types plus system notices). */
public enum MessageKind {
    TEXT,
    IMAGE,
    FILE,
    SYSTEM;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageKind fromWire(String name) {
        for (MessageKind kind : values()) {
            if (kind.wire().equalsIgnoreCase(name == null ? "" : name.trim())) return kind;
        }
        throw SwitchboardException.invalid("unknown message kind: " + name);
    }
}
