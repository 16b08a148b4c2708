package dev.switchboard.jdbc;

/** The {@link SendPathContract} on PostgreSQL, in a schema of its own. */
class SendPathPostgresIT extends SendPathContract {
    @Override
    protected TestDatabase openDatabase() {
        return PostgresTestDatabase.create();
    }
}
