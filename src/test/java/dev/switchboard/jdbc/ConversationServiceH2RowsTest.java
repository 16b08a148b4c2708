package dev.switchboard.jdbc;

/** The {@link ConversationServiceContract} on the embedded H2 database with messages as rows, where RocksDB cannot run. */
class ConversationServiceH2RowsTest extends ConversationServiceContract {
    @Override
    protected TestDatabase openDatabase() {
        return new H2TestDatabase(false);
    }
}
