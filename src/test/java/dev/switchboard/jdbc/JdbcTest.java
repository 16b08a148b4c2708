package dev.switchboard.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import java.lang.reflect.Proxy;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class JdbcTest {
    /** A pool that gives no connection, as HikariCP does when its wait runs out: no SQLState. */
    private static DataSource exhaustedPool() {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        throw new SQLTransientConnectionException("pool - Connection is not available, request timed out");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aPoolTimeoutWithoutSqlStateIsReportedAsUnavailableNotAsABug() {
        Jdbc jdbc = new Jdbc(exhaustedPool(), false);

        assertThatThrownBy(() -> jdbc.inTransaction(c -> 1))
                .isInstanceOfSatisfying(SwitchboardException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }
}
