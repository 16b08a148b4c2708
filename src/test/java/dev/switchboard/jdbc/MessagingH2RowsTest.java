package dev.switchboard.jdbc;

/** The {@link MessagingContract} on the embedded H2 database with messages as rows, where RocksDB cannot run. */
class MessagingH2RowsTest extends MessagingContract {
    @Override
    protected TestDatabase openDatabase() {
        return new H2TestDatabase(false);
    }
}
