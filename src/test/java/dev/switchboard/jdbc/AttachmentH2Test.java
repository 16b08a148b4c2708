package dev.switchboard.jdbc;

/** The {@link AttachmentContract} on the embedded H2 database. */
class AttachmentH2Test extends AttachmentContract {
    @Override
    protected TestDatabase openDatabase() {
        return new H2TestDatabase();
    }
}
