package dev.switchboard.jdbc;

/** The {@link NotesContract} on PostgreSQL, in a schema of its own. */
class NotesPostgresIT extends NotesContract {
    @Override
    protected TestDatabase openDatabase() {
        return PostgresTestDatabase.create();
    }
}
