package dev.switchboard.jdbc;

/** The {@link MessagingContract} on the embedded H2 database. */
class MessagingH2Test extends MessagingContract {
    @Override
    protected TestDatabase openDatabase() {
        return new H2TestDatabase();
    }
}
