package dev.switchboard.jdbc;

/** The {@link RefreshTokenStoreContract} on PostgreSQL, in a schema of its own. */
class RefreshTokenStorePostgresIT extends RefreshTokenStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return PostgresTestDatabase.create();
    }
}
