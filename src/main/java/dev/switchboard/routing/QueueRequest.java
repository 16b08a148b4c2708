package dev.switchboard.routing;

import dev.switchboard.identity.UserId;
import java.util.Objects;

/** A customer asking for an agent: who, what agents should see of them, and which team. */
public record QueueRequest(UserId customer, CustomerDetails details, Department department) {
    public QueueRequest {
        Objects.requireNonNull(customer, "customer");
        details = details == null ? CustomerDetails.NONE : details;
        department = department == null ? Department.GENERAL : department;
    }

    public static QueueRequest of(UserId customer) {
        return new QueueRequest(customer, CustomerDetails.NONE, Department.GENERAL);
    }
}
