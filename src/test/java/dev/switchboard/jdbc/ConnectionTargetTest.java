package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.app.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConnectionTargetTest {

    @Test
    void blankUrlMeansTheEmbeddedDatabaseInTheDataDirectory() {
        ConnectionTarget target = ConnectionTarget.of(storage(" ", null, null));

        assertThat(target.embedded()).isTrue();
        assertThat(target.jdbcUrl()).startsWith("jdbc:h2:file:" + Path.of("/var/lib/switchboard/switchboard"))
                .contains(";MODE=PostgreSQL").contains(";WRITE_DELAY=500");
        assertThat(target.describe()).isEqualTo("jdbc:h2:file:" + Path.of("/var/lib/switchboard/switchboard"));
    }

    @Test
    void jdbcUrlsPassThroughWithTheConfiguredCredentials() {
        ConnectionTarget target = ConnectionTarget.of(storage("jdbc:postgresql://db:5432/chat?sslmode=require", "app", "s3cret"));

        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/chat?sslmode=require");
        assertThat(target.user()).isEqualTo("app");
        assertThat(target.password()).isEqualTo("s3cret");
        assertThat(target.describe()).isEqualTo("jdbc:postgresql://db:5432/chat");
    }

    @Test
    void platformStyleUrlsBecomeJdbcUrlsWithDecodedCredentials() {
        ConnectionTarget target = ConnectionTarget.of(storage("postgres://chat%40app:p%3Ass+w@db.example.com:6543/chat?sslmode=require", "", ""));

        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/chat?sslmode=require");
        assertThat(target.user()).isEqualTo("chat@app");
        assertThat(target.password()).isEqualTo("p:ss+w");
        assertThat(target.embedded()).isFalse();
        assertThat(target.toString()).doesNotContain("p:ss+w");
    }

    @Test
    void configuredCredentialsWinOverOnesInTheUrlAndHostListsAreKept() {
        ConnectionTarget target = ConnectionTarget.of(storage("postgresql://u:p@h1:5432,h2:5432/chat", "admin", "pw"));

        assertThat(target.jdbcUrl()).isEqualTo("jdbc:postgresql://h1:5432,h2:5432/chat");
        assertThat(target.user()).isEqualTo("admin");
        assertThat(target.password()).isEqualTo("pw");
        assertThat(ConnectionTarget.of(storage("postgres://db/chat", null, null)).user()).isNull();
    }

    @Test
    void otherDatabasesAndHostlessUrlsAreRejected() {
        assertThatThrownBy(() -> ConnectionTarget.of(storage("mysql://db/chat", null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("postgres://");
        assertThatThrownBy(() -> ConnectionTarget.of(storage("postgres:///chat", null, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ServerConfig.Storage storage(String url, String user, String password) {
        return new ServerConfig.Storage(Path.of("/var/lib/switchboard"), url, user, password, 4);
    }
}
