package com.split.web.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.tasks.codec.TaskCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpHeaders;
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

    private final String baseUrl;
    private final @Nullable TestUsers user;
    private final RestTestClient http;
    private final JsonMapper mapper;

    /** On the test's server as {@link TestUsers#ADMIN}, reading JSON as the bus's codec does. */
    @Autowired
    public ApiClient(@Value("${local.server.port}") int port, TaskCodec codec) {
        this("http://localhost:" + port, TestUsers.ADMIN, codec.mapper());
    }

    private ApiClient(String baseUrl, @Nullable TestUsers user, JsonMapper mapper) {
        this.baseUrl = baseUrl;
        this.user = user;
        var builder = RestTestClient.bindToServer().baseUrl(baseUrl);
        if (user != null) {
            builder.defaultHeader(HttpHeaders.AUTHORIZATION, user.basic());
        }
        this.http = builder.build();
        this.mapper = mapper;
    }

    /** The same API called with HTTP Basic as {@code user}, or with no credentials at all when it is null. */
    public ApiClient as(@Nullable TestUsers user) {
        return new ApiClient(baseUrl, user, mapper);
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

    /** Sends JSON with any method and reads the JSON answer, checking its status. */
    public JsonNode send(HttpMethod method, String path, @Nullable String json, HttpStatus expected) {
        return call(method, path, json, expected, MediaType.APPLICATION_JSON);
    }

    /** A problem detail answering the request, with the expected status in its body too. */
    public JsonNode problem(HttpMethod method, String path, @Nullable String json, HttpStatus expected) {
        JsonNode problem = call(method, path, json, expected, MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(problem.get("status").asInt()).isEqualTo(expected.value());
        return problem;
    }

    /**
     * POSTs JSON bytes over HTTP/1.1 exactly as a client in another language might: with a {@code Content-Length}, or
     * chunked without one. The answer comes back as it is, status and headers included.
     */
    public HttpResponse<String> postBytes(String path, byte[] body, boolean chunked) {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .POST(publisher);
        if (user != null) {
            request.header(HttpHeaders.AUTHORIZATION, user.basic());
        }
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The problem detail of a raw answer, checked to be one with the expected status. */
    public JsonNode problem(HttpResponse<String> answer, HttpStatus expected) {
        assertThat(answer.statusCode()).as("status").isEqualTo(expected.value());
        assertThat(answer.headers().firstValue(HttpHeaders.CONTENT_TYPE))
                .hasValueSatisfying(type -> assertThat(MediaType.parseMediaType(type))
                        .matches(MediaType.APPLICATION_PROBLEM_JSON::isCompatibleWith));
        JsonNode problem = mapper.readTree(answer.body());
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
