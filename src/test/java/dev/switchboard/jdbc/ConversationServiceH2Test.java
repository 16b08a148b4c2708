package dev.switchboard.jdbc;

/** The {@link ConversationServiceContract} on the embedded H2 database. */
class ConversationServiceH2Test extends ConversationServiceContract {
    @Override
    protected TestDatabase openDatabase() {
        return new H2TestDatabase();
    }
}
