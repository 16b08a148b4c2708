package dev.switchboard.jdbc;

/**
 * A transaction failed before its commit, so none of its writes were stored; the cause says why
 * (already translated, see {@link Jdbc#translate}). Group commit writes such a batch again item by item.
 */
final class RolledBackException extends RuntimeException {

    RolledBackException(RuntimeException cause) {
        super("transaction rolled back", cause);
    }
}
