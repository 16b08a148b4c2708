package dev.switchboard.http;

import dev.switchboard.common.ErrorCode;
import dev.switchboard.common.SwitchboardException;
import dev.switchboard.engineio.EngineServer;
import dev.switchboard.jdbc.Database;
import java.sql.Connection;
import java.util.Map;

/**
 * {@code GET /health}: the process serves requests (liveness). {@code GET /ready}: it can do its
 * job, the database answers (readiness; a load balancer stops sending traffic when it fails).
 */
public final class HealthRoutes {
    private final Database database;
    private final EngineServer engine;

    public HealthRoutes(Database database, EngineServer engine) {
        this.database = database;
        this.engine = engine;
    }

    public record Health(String status, int connections) {}

    public void register(RestRouter router) {
        router.get("/health", RestRouter.Access.PUBLIC, r -> RestResponse.ok(new Health("ok", engine.sessionCount())));
        router.get("/ready", RestRouter.Access.PUBLIC, r -> {
            try (Connection c = database.dataSource().getConnection()) {
                if (!c.isValid(2)) throw new SwitchboardException(ErrorCode.UNAVAILABLE, "database does not answer");
            } catch (java.sql.SQLException e) {
                throw new SwitchboardException(ErrorCode.UNAVAILABLE, "database does not answer");
            }
            return new RestResponse(200, Map.of("status", "ready"), Map.of());
        });
    }
}
