package com.split.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.web.test.TestUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server of the tests over real HTTP/1.1, called as curl or a browser would: no redirect is followed, and cookies go
 * only where a test hands the call a {@link Cookies} jar. {@link SecurityTestServer} gives each test one, lazily: made
 * once the server has its port.
 */
@Lazy
final class TestHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String origin;

    TestHttp(@Value("${local.server.port}") int port) {
        this.origin = "http://localhost:" + port;
    }

    /** What a browser sends as {@code Origin} from a page of this server. */
    String origin() {
        return origin;
    }

    Call get(String path) {
        return new Call("GET", path);
    }

    Call post(String path) {
        return new Call("POST", path);
    }

    Call delete(String path) {
        return new Call("DELETE", path);
    }

    Call method(String method, String path) {
        return new Call(method, path);
    }

    final class Call {

        private final String method;
        private final HttpRequest.Builder request;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        private @Nullable Cookies cookies;

        private Call(String method, String path) {
            this.method = method;
            this.request = HttpRequest.newBuilder(URI.create(origin + path));
        }

        Call header(String name, String value) {
            request.header(name, value);
            return this;
        }

        /** HTTP Basic as {@code user}. */
        Call as(TestUsers user) {
            return header("Authorization", user.basic());
        }

        Call bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        Call json(String json) {
            header("Content-Type", MediaType.APPLICATION_JSON_VALUE);
            body = HttpRequest.BodyPublishers.ofString(json);
            return this;
        }

        /** An HTML form's fields, as names and values in turn. */
        Call form(String... namesAndValues) {
            StringBuilder encoded = new StringBuilder();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                if (!encoded.isEmpty()) {
                    encoded.append('&');
                }
                encoded.append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
            }
            header("Content-Type", MediaType.APPLICATION_FORM_URLENCODED_VALUE);
            body = HttpRequest.BodyPublishers.ofString(encoded.toString());
            return this;
        }

        /** Sends the jar's cookies, and keeps what the answer sets in it. */
        Call with(Cookies jar) {
            this.cookies = jar;
            return this;
        }

        Answer send() {
            if (cookies != null && !cookies.isEmpty()) {
                request.header("Cookie", cookies.header());
            }
            try {
                HttpResponse<String> response =
                        CLIENT.send(request.method(method, body).build(), HttpResponse.BodyHandlers.ofString());
                if (cookies != null) {
                    cookies.receive(response.headers());
                }
                return new Answer(response.statusCode(), response.headers(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    record Answer(int status, HttpHeaders headers, String body) {

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** Every value of a header the server may send more than once, as one list. */
        List<String> all(String name) {
            return headers.allValues(name);
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        /** The answer as an RFC 9457 problem detail of {@code expected} status, checked to be one. */
        JsonNode problem(int expected) {
            assertThat(status).as("status; body %s", body).isEqualTo(expected);
            assertThat(header("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(MediaType.parseMediaType(type))
                            .matches(MediaType.APPLICATION_PROBLEM_JSON::isCompatibleWith, "application/problem+json"));
            JsonNode problem = json();
            assertThat(problem.path("status").asInt())
                    .as("the problem's status")
                    .isEqualTo(expected);
            return problem;
        }
    }

    /** A browser's cookies for the test server: set by answers, sent by the calls that are given them. */
    static final class Cookies {

        private final Map<String, String> values = new LinkedHashMap<>();

        Optional<String> get(String name) {
            return Optional.ofNullable(values.get(name));
        }

        void put(String name, String value) {
            values.put(name, value);
        }

        boolean isEmpty() {
            return values.isEmpty();
        }

        private String header() {
            return values.entrySet().stream()
                    .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                    .collect(Collectors.joining("; "));
        }

        private void receive(HttpHeaders headers) {
            for (String setCookie : headers.allValues("Set-Cookie")) {
                for (HttpCookie cookie : HttpCookie.parse(setCookie)) {
                    if (cookie.getMaxAge() == 0) {
                        values.remove(cookie.getName());
                    } else {
                        values.put(cookie.getName(), cookie.getValue());
                    }
                }
            }
        }
    }
}
