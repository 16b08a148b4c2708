package dev.switchboard.jdbc;

/** The {@link TicketContract} on the embedded H2 database. */
class TicketH2Test extends TicketContract {
    @Override
    protected TestDatabase openDatabase() {
        return new H2TestDatabase();
    }
}
