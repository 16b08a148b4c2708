package dev.switchboard.jdbc;

import dev.switchboard.identity.CachedUserStore;
import dev.switchboard.identity.UserStore;

/** The {@link JdbcUserStoreContract} through the {@link CachedUserStore} the embedded database is wired with. */
class CachedUserStoreH2Test extends JdbcUserStoreContract {
    @Override
    protected TestDatabase openDatabase() {
        return new H2TestDatabase();
    }

    @Override
    protected UserStore store(JdbcUserStore jdbc) {
        return new CachedUserStore(jdbc);
    }
}
