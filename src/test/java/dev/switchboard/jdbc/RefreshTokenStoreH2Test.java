package dev.switchboard.jdbc;

/** The {@link RefreshTokenStoreContract} on the embedded H2 database. */
class RefreshTokenStoreH2Test extends RefreshTokenStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return new H2TestDatabase();
    }
}
