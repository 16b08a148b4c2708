package dev.switchboard.jdbc;

/** The {@link SupportChatContract} on the embedded H2 database. */
class SupportChatH2Test extends SupportChatContract {
    @Override
    protected TestDatabase openDatabase() {
        return new H2TestDatabase();
    }
}
