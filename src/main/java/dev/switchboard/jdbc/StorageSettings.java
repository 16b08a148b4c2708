package dev.switchboard.jdbc;

import java.nio.file.Path;

/**
 * What {@link Database} needs to know. Defined here so that storage does not depend on the
 * application's configuration; {@code app.ServerConfig.Storage} implements it and validates it.
 */
public interface StorageSettings {
    /** Folder of the embedded database. */
    Path dataDir();

    /** Blank: the embedded database; otherwise a PostgreSQL URL (jdbc:postgresql:, postgres:, postgresql:). */
    String databaseUrl();

    /** May be null: taken from the URL. */
    String databaseUser();

    /** May be null: taken from the URL. */
    String databasePassword();

    int poolSize();
}
