package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WarmUpServerTest {

    @Test
    void theGeneratorsClientCompletesASocketIoConnectWithTheStandIn() throws Exception {
        List<Clients.Identity> user = List.of(new Clients.Identity("warm-up-user", "customer", "any-token"));
        try (WarmUpServer stub = new WarmUpServer(); Clients clients = new Clients("127.0.0.1", stub.port(), 1)) {
            Clients.Ramp ramp = clients.connect(user, new int[1], 1, (c, p, now) -> { });

            assertThat(ramp.failed()).as(String.valueOf(ramp.firstError())).isZero();
            assertThat(ramp.open()).hasSize(1);
            assertThat(ramp.open().get(0).isOpen()).isTrue();
            ramp.open().forEach(SioConnection::close);
        }
    }
}
