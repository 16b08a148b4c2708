package dev.switchboard.jdbc;

/** The {@link AttachmentContract} on PostgreSQL, in a schema of its own. */
class AttachmentPostgresIT extends AttachmentContract {
    @Override
    protected TestDatabase openDatabase() {
        return PostgresTestDatabase.create();
    }
}
