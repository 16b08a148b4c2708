package dev.switchboard.jdbc;

/** The {@link TicketContract} on PostgreSQL, in a schema of its own. */
class TicketPostgresIT extends TicketContract {
    @Override
    protected TestDatabase openDatabase() {
        return PostgresTestDatabase.create();
    }
}
