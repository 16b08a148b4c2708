package dev.switchboard.jdbc;

/** The {@link StatsContract} on the embedded H2 database. */
class StatsH2Test extends StatsContract {
    @Override
    protected TestDatabase openDatabase() {
        return new H2TestDatabase();
    }
}
