package dev.switchboard.jdbc;

/** The {@link MessagingContract} on PostgreSQL, in a schema of its own. */
class MessagingPostgresIT extends MessagingContract {
    @Override
    protected TestDatabase openDatabase() {
        return PostgresTestDatabase.create();
    }
}
