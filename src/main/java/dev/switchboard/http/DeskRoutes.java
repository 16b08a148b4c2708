package dev.switchboard.http;

import dev.switchboard.routing.RoutingService;
import java.util.List;

/**
 * {@code GET /api/desk} (public): what a widget's pre-chat form needs before anyone signs in — the
 * departments a customer may choose (setting DEPARTMENTS), whether the desk is staffed and how many
 * agents could take a chat now, as {@code queue:no_agents} and {@code agent:available_count} compute them.
 */
public final class DeskRoutes {
    private final RoutingService routing;

    public DeskRoutes(RoutingService routing) {
        this.routing = routing;
    }

    public record DepartmentView(String id, String name) {}

    public record DeskView(List<DepartmentView> departments, boolean staffed, int availableAgents) {}

    public void register(RestRouter router) {
        router.get("/api/desk", RestRouter.Access.PUBLIC, r -> RestResponse.ok(new DeskView(
                routing.departments().stream().map(c -> new DepartmentView(c.department().id(), c.name())).toList(),
                routing.staffed(), routing.queries().availableAgents())));
    }
}
