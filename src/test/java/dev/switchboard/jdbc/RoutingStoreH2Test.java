package dev.switchboard.jdbc;

/** The {@link RoutingStoreContract} on the embedded H2 database. */
class RoutingStoreH2Test extends RoutingStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return new H2TestDatabase();
    }
}
