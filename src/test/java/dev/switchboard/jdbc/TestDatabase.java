package dev.switchboard.jdbc;

/** A migrated database private to one test class, removed again by {@link #close()}. */
interface TestDatabase extends AutoCloseable {

    Database database();

    @Override
    void close();
}
