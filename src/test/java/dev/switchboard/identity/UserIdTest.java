package dev.switchboard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.common.SwitchboardException;
import org.junit.jupiter.api.Test;

class UserIdTest {

    @Test
    void hostApplicationSubjectsOfAnyShapeUpTo128CharactersAreAccepted() {
        assertThat(new UserId("auth0|5f1c:42 /é").value()).isEqualTo("auth0|5f1c:42 /é");
        assertThat(new UserId("x".repeat(128)).value()).hasSize(128);
    }

    @Test
    void blankOverlongOrNulContainingIdsAreRejected() {
        for (String bad : new String[] {"", "  ", "x".repeat(129), "a\0b"}) {
            assertThatThrownBy(() -> new UserId(bad)).isInstanceOf(SwitchboardException.class);
        }
    }

    @Test
    void visitorIdsAreRecognizableAndDistinct() {
        UserId a = UserId.newVisitor();
        assertThat(a.value()).startsWith("v_");
        assertThat(a).isNotEqualTo(UserId.newVisitor());
        assertThat(UserId.newLocal()).isNotEqualTo(UserId.newLocal());
    }
}
