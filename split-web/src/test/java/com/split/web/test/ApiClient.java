package com.split.web.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.tasks.codec.TaskCodec;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's JSON API over real HTTP, for tests: each call states the status it expects. A test with a running server
 * gets one injected with {@code @Import(ApiClient.class)}: the bean is lazy, made once the server has its port.
 */
@Lazy
public final class ApiClient {

    private final RestTestClient http;
    private final JsonMapper mapper;

    /** On the test's server, reading JSON as the bus's codec does. */
    public ApiClient(@Value("${local.server.port}") int port, TaskCodec codec) {
        this.http = RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .build();
        this.mapper = codec.mapper();
    }

    public JsonNode get(String path) {
        return call(HttpMethod.GET, path, null, HttpStatus.OK, MediaType.APPLICATION_JSON);
    }

    /** The resource, or empty while it answers 404. */
    public Optional<JsonNode> find(String path) {
        var result = http.get().uri(path).exchange().returnResult(String.class);
        if (result.getStatus().value() == HttpStatus.NOT_FOUND.value()) {
            return Optional.empty();
        }
        assertThat(result.getStatus().value()).as("status of GET %s", path).isEqualTo(200);
        return Optional.of(mapper.readTree(result.getResponseBody()));
    }

    public JsonNode post(String path, @Nullable String json, HttpStatus expected) {
        return call(HttpMethod.POST, path, json, expected, MediaType.APPLICATION_JSON);
    }

    /** A problem detail answering the request, with the expected status in its body too. */
    public JsonNode problem(HttpMethod method, String path, @Nullable String json, HttpStatus expected) {
        JsonNode problem = call(method, path, json, expected, MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(problem.get("status").asInt()).isEqualTo(expected.value());
        return problem;
    }

    public RestTestClient http() {
        return http;
    }

    private JsonNode call(
            HttpMethod method, String path, @Nullable String json, HttpStatus expected, MediaType answer) {
        var request = http.method(method).uri(path);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        String body = request.exchange()
                .expectStatus()
                .isEqualTo(expected)
                .expectHeader()
                .contentTypeCompatibleWith(answer)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return mapper.readTree(body);
    }
}
