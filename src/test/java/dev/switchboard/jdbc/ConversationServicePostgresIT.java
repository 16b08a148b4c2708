package dev.switchboard.jdbc;

/** The {@link ConversationServiceContract} on PostgreSQL, in a schema of its own. */
class ConversationServicePostgresIT extends ConversationServiceContract {
    @Override
    protected TestDatabase openDatabase() {
        return PostgresTestDatabase.create();
    }
}
