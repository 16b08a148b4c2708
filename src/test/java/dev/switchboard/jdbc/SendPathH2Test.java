package dev.switchboard.jdbc;

/** The {@link SendPathContract} on the embedded H2 database. */
class SendPathH2Test extends SendPathContract {
    @Override
    protected TestDatabase openDatabase() {
        return new H2TestDatabase();
    }
}
