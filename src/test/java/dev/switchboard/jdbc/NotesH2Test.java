package dev.switchboard.jdbc;

/** The {@link NotesContract} on the embedded H2 database. */
class NotesH2Test extends NotesContract {
    @Override
    protected TestDatabase openDatabase() {
        return new H2TestDatabase();
    }
}
