package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testing.RestClient;

/** The one assertion every REST error answer must pass: an RFC 9457 problem carrying our stable code. */
final class Problems {
    private Problems() {}

    static void assertProblem(RestClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("content type of " + response)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.json().isObject()).as("problem body of " + response).isTrue();
        assertThat(response.json().path("type").isTextual()).as("type in " + response).isTrue();
        assertThat(response.text("title")).as("title in " + response).isNotBlank();
        assertThat(response.json().path("status").isInt()).as("status in " + response).isTrue();
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.code()).as("code in " + response).isEqualTo(code);
        assertThat(response.text("detail")).as("detail in " + response).isNotBlank();
    }
}
