package dev.switchboard.jdbc;

/** The {@link SupportChatContract} on the embedded H2 database with messages as rows, where RocksDB cannot run. */
class SupportChatH2RowsTest extends SupportChatContract {
    @Override
    protected TestDatabase openDatabase() {
        return new H2TestDatabase(false);
    }
}
