package dev.switchboard.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.common.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BinariesTest {
    private final ObjectMapper json = Json.newMapper();

    private ArrayNode mixed() {
        ArrayNode data = json.createArrayNode().add("event").add(new byte[] {1, 2});
        ObjectNode object = data.addObject();
        object.put("name", "file.bin").put("body", new byte[] {3, 4, 5});
        object.putArray("parts").add(new byte[0]).add(7);
        return data;
    }

    @Test
    void findsBinaryAnywhereInATree() {
        assertThat(Binaries.contains(mixed())).isTrue();
        assertThat(Binaries.contains(json.createObjectNode().set("deep", json.createArrayNode().add(new byte[] {1}))))
                .isTrue();
        assertThat(Binaries.contains(json.createArrayNode().add("text").add(1).addObject().put("a", "b"))).isFalse();
    }

    @Test
    void roundTripsATreeThroughPlaceholdersAndAttachments() throws Exception {
        List<byte[]> attachments = new ArrayList<>();

        JsonNode withPlaceholders = Binaries.deconstruct(mixed(), attachments);

        assertThat(Binaries.contains(withPlaceholders)).isFalse();
        assertThat(attachments).containsExactly(new byte[] {1, 2}, new byte[] {3, 4, 5}, new byte[0]);
        JsonNode restored = Binaries.reconstruct(json.readTree(withPlaceholders.toString()), attachments);
        assertThat(restored).isEqualTo(mixed());
    }

    @Test
    void mayUseOneAttachmentTwiceAndLeaveAnotherUnused() throws Exception {
        JsonNode tree = json.readTree("[{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":1}]");

        JsonNode restored = Binaries.reconstruct(tree, List.of(new byte[] {0}, new byte[] {9}));

        assertThat(restored.get(0).binaryValue()).containsExactly(9);
        assertThat(restored.get(1).binaryValue()).containsExactly(9);
    }

    @Test
    void leavesObjectsThatAreNotPlaceholdersAlone() throws Exception {
        JsonNode tree = json.readTree("[{\"_placeholder\":false,\"num\":0},{\"num\":0}]");

        assertThat(Binaries.reconstruct(tree.deepCopy(), List.of())).isEqualTo(tree);
    }

    @ParameterizedTest(name = "refuses {0}")
    @ValueSource(strings = {
        "{\"_placeholder\":true,\"num\":1}", // past the last attachment
        "{\"_placeholder\":true,\"num\":-1}",
        "{\"_placeholder\":true}",
        "{\"_placeholder\":true,\"num\":\"0\"}",
        "{\"_placeholder\":true,\"num\":99999999999}",
        "[\"x\",{\"deep\":[{\"_placeholder\":true,\"num\":5}]}]",
    })
    void refusesAPlaceholderThatNamesNoAttachment(String text) throws Exception {
        JsonNode tree = json.readTree(text);

        assertThatThrownBy(() -> Binaries.reconstruct(tree, List.of(new byte[] {1})))
                .isInstanceOf(SioProtocolException.class);
    }
}
