package dev.switchboard.jdbc;

/** The {@link RoutingStoreContract} on PostgreSQL, in a schema of its own. */
class RoutingStorePostgresIT extends RoutingStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return PostgresTestDatabase.create();
    }
}
