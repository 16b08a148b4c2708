package dev.switchboard.jdbc;

/** The {@link SupportChatContract} on PostgreSQL, in a schema of its own. */
class SupportChatPostgresIT extends SupportChatContract {
    @Override
    protected TestDatabase openDatabase() {
        return PostgresTestDatabase.create();
    }
}
