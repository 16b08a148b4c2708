package dev.switchboard.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where and as whom to connect, derived from {@link StorageSettings}. A blank database URL means
 * the embedded H2 file database under the data directory; otherwise PostgreSQL, given either as a
 * JDBC URL or in the {@code postgres://user:pass@host:port/db} form that hosting platforms hand out.
 * A user or password set explicitly in the configuration wins over one embedded in such a URL.
 */
record ConnectionTarget(String jdbcUrl, String user, String password, boolean embedded) {

    /*
     * MODE=PostgreSQL with lower-case identifiers and PostgreSQL's NULL ordering lets one migration
     * dialect serve both databases. WRITE_DELAY=500 lets H2 write its file in the background, at most
     * half a second after a commit, rather than on every commit (which rewrote every touched page each
     * time: most of the cost of storing a message, and a file growing by ~20 KB per message; see
     * docs/performance.md, step 6). Durability comes from elsewhere: new messages are written to the
     * message journal before they are acknowledged, and every other transaction is followed by a
     * checkpoint (Jdbc). CACHE_SIZE=65536 (KB) keeps 64 MB of pages in memory instead of H2's 16 MB: with a
     * thousand busy conversations the message indexes outgrew 16 MB, and each retry lookup and insert
     * read and decoded pages from the file again (docs/performance.md, step 10). The default file lock
     * keeps a second process out. DB_CLOSE_ON_EXIT=FALSE
     * leaves closing to Database.close(), so a graceful shutdown can still write while it drains.
     */
    static final int WRITE_DELAY_MILLIS = 500;
    private static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";WRITE_DELAY=" + WRITE_DELAY_MILLIS + ";CACHE_SIZE=65536;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE";

    static ConnectionTarget of(StorageSettings storage) {
        String url = storage.databaseUrl().trim();
        if (url.isEmpty()) return embedded(storage.dataDir());
        String user = blankToNull(storage.databaseUser());
        String password = blankToNull(storage.databasePassword());
        if (url.startsWith("jdbc:postgresql:")) return new ConnectionTarget(url, user, password, false);
        for (String scheme : new String[] {"postgres://", "postgresql://"}) {
            if (url.startsWith(scheme)) return fromPostgresUri(url.substring(scheme.length()), user, password);
        }
        throw new IllegalArgumentException("database URL must start with jdbc:postgresql:, postgres:// or"
                + " postgresql:// (or be empty for the embedded database)");
    }

    static ConnectionTarget embedded(Path dataDir) {
        String file = dataDir.toAbsolutePath().normalize().resolve("switchboard").toString();
        if (file.indexOf(';') >= 0) throw new IllegalArgumentException("data directory must not contain ';'");
        return new ConnectionTarget("jdbc:h2:file:" + file + H2_SETTINGS, "sa", "", true);
    }

    /** The URL without query parameters, which may carry credentials: safe for logs and errors. */
    String describe() {
        int query = jdbcUrl.indexOf(embedded ? ';' : '?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    // Parsed by hand rather than with java.net.URI, which rejects multi-host lists (h1:5432,h2:5432).
    private static ConnectionTarget fromPostgresUri(String rest, String user, String password) {
        int slash = rest.indexOf('/');
        int at = rest.lastIndexOf('@', slash < 0 ? rest.length() : slash);
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            String uriUser = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            String uriPassword = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            if (user == null) user = blankToNull(uriUser);
            if (password == null) password = uriPassword;
        }
        if (rest.isEmpty() || rest.startsWith("/")) throw new IllegalArgumentException("database URL has no host");
        return new ConnectionTarget("jdbc:postgresql://" + rest, user, password, false);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return "ConnectionTarget[" + describe() + ", user=" + user + "]";
    }
}
