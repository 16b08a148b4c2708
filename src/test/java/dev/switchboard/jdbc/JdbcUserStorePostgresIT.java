package dev.switchboard.jdbc;

/** The {@link JdbcUserStoreContract} on PostgreSQL, in a schema of its own. */
class JdbcUserStorePostgresIT extends JdbcUserStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return PostgresTestDatabase.create();
    }
}
