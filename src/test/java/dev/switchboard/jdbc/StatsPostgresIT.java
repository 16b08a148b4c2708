package dev.switchboard.jdbc;

/** The {@link StatsContract} on PostgreSQL, in a schema of its own. */
class StatsPostgresIT extends StatsContract {
    @Override
    protected TestDatabase openDatabase() {
        return PostgresTestDatabase.create();
    }
}
