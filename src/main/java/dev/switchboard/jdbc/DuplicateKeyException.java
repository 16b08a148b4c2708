package dev.switchboard.jdbc;

import java.sql.SQLException;
import java.util.Locale;

/**
 * A unique constraint refused a write. Stores catch it where a duplicate has a meaning (a taken
 * e-mail, a racing get-or-create, a retried send); anywhere else it becomes CONFLICT.
 */
final class DuplicateKeyException extends RuntimeException {

    DuplicateKeyException(SQLException cause) {
        super("unique constraint violated", cause);
    }

    /**
     * Whether the named constraint was the one violated. Both drivers name the constraint (H2: its
     * index) in the message, which is less brittle than their differing structured error fields.
     */
    boolean violates(String constraint) {
        String message = getCause().getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains(constraint.toLowerCase(Locale.ROOT));
    }
}
