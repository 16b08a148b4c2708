package dev.switchboard.jdbc;

/** The {@link ScheduleStoreContract} on the embedded H2 database. */
class ScheduleStoreH2Test extends ScheduleStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return new H2TestDatabase();
    }
}
