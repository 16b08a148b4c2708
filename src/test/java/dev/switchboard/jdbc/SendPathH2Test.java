package dev.switchboard.jdbc;

/**
 * The {@link SendPathContract} on the embedded H2 database with messages as rows: the contract drives the
 * PostgreSQL send path ({@link MessageAppender}) directly, which writes rows.
 */
class SendPathH2Test extends SendPathContract {
    @Override
    protected TestDatabase openDatabase() {
        return new H2TestDatabase(false);
    }
}
