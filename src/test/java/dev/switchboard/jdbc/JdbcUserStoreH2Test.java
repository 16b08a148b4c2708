package dev.switchboard.jdbc;

/** The {@link JdbcUserStoreContract} on the embedded H2 database. */
class JdbcUserStoreH2Test extends JdbcUserStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return new H2TestDatabase();
    }
}
