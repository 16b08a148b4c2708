package dev.switchboard.jdbc;

/** The {@link ScheduleStoreContract} on PostgreSQL, in a schema of its own. */
class ScheduleStorePostgresIT extends ScheduleStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return PostgresTestDatabase.create();
    }
}
