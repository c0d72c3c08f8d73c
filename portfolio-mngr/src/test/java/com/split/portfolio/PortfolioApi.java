package com.split.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.tasks.codec.TaskCodec;
import com.split.web.test.ApiClient;
import com.split.web.test.TestUsers;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * portfolio-mngr's API over real HTTP for tests, on top of split-web's {@link ApiClient}: calls as a given test user
 * (HTTP Basic) and with any method, each stating the status it expects. A test with a running server gets one
 * injected with {@code @Import(PortfolioApi.class)}, lazy as its {@link ApiClient} is.
 */
@Lazy
@Import(ApiClient.class)
public record PortfolioApi(ApiClient client, TaskCodec codec) {

    public JsonNode get(String path) {
        return client.get(path);
    }

    public JsonNode post(String path, @Nullable String json, HttpStatus expected) {
        return client.post(path, json, expected);
    }

    public JsonNode problem(HttpMethod method, String path, @Nullable String json, HttpStatus expected) {
        return client.problem(method, path, json, expected);
    }

    /** A JSON answer to a call made as {@code caller} (no credentials when null). */
    public JsonNode call(
            HttpMethod method, String path, @Nullable String json, @Nullable TestUsers caller, HttpStatus expected) {
        var request = client.as(caller).http().method(method).uri(path);
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        String body = request.exchange()
                .expectStatus()
                .isEqualTo(expected)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).as("body of %s %s", method, path).isNotNull();
        return codec.mapper().readTree(body);
    }

    /** Creates, as {@link TestUsers#ADMIN}, a portfolio of {@code owner} holding {@code tickers}; @return its id */
    public long createPortfolio(String owner, String name, String... tickers) {
        var body = codec.mapper().createObjectNode().put("name", name);
        var list = body.putArray("tickers");
        for (String ticker : tickers) {
            list.add(ticker);
        }
        return call(
                        HttpMethod.POST,
                        "/api/portfolios?userId=" + owner,
                        body.toString(),
                        TestUsers.ADMIN,
                        HttpStatus.CREATED)
                .get("id")
                .asLong();
    }
}
