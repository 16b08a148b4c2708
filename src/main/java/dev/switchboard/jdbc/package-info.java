/**
 * Storage adapters on JDBC: {@link dev.switchboard.jdbc.Database} opens the embedded H2 file database
 * or PostgreSQL behind a HikariCP pool and applies the Flyway migrations in {@code db/migration}
 * (one SQL dialect for both); {@code Jdbc*Store} classes implement the feature packages' store ports.
 * Everything here blocks: callers run it on virtual threads or workers, never on an event loop.
 */
package dev.switchboard.jdbc;
