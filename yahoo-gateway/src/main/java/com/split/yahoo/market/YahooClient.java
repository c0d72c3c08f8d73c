package com.split.yahoo.market;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Yahoo's HTTP side: one HTTP/2 client with a cookie jar and a browser's headers, the cookie and crumb that
 * quoteSummary and the timeseries need, and the gate every request passes. Answers 200 and 404 (an unknown symbol is an
 * answer); a 429 or a {@code Too Many Requests} body throws {@link RateLimitedException} with the gate's delay; any
 * other status throws {@link YahooUnavailableException}, which the bus retries with its backoff. Thread-safe.
 */
final class YahooClient {

    private static final Logger log = LoggerFactory.getLogger(YahooClient.class);
    // A crumb is about 11 characters; HTML, an empty body or "Too Many Requests" are not crumbs.
    private static final Pattern CRUMB = Pattern.compile("[A-Za-z0-9./_\\-]{8,16}");

    /** A status Yahoo answers with and its body. */
    record Reply(int status, String body) {}

    private final YahooProperties properties;
    private final RequestGate gate;
    private final HttpClient http;
    private volatile @Nullable String crumb;

    YahooClient(YahooProperties properties, RequestGate gate) {
        this.properties = properties;
        this.gate = gate;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER))
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** GET {@code path} on the query host, without a crumb (the chart needs none). */
    Reply get(String path, Map<String, String> query) {
        return answer(send(uri(path, query)));
    }

    /** GET {@code path} on the query host with the crumb; an {@code Invalid Crumb} 401 renews it, once. */
    Reply getWithCrumb(String path, Map<String, String> query) {
        HttpResponse<String> response = send(uri(path, withCrumb(query, crumb())));
        if (response.statusCode() == 401 && response.body().contains("Invalid Crumb")) {
            log.info("Yahoo rejected the crumb: fetching a new cookie and crumb");
            crumb = null;
            response = send(uri(path, withCrumb(query, crumb())));
        }
        return answer(response);
    }

    private Reply answer(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 200 || status == 404) {
            gate.answered();
            return new Reply(status, response.body());
        }
        throw new YahooUnavailableException(
                "Yahoo answered %d to %s: %s".formatted(status, response.uri().getPath(), abbreviate(response.body())));
    }

    /** The cookie first (its status does not matter), then a crumb that looks like one. */
    private synchronized String crumb() {
        String current = crumb;
        if (current != null) {
            return current;
        }
        send(properties.cookieUrl());
        HttpResponse<String> response = send(properties.crumbUrl());
        String body = response.body().strip();
        if (response.statusCode() != 200 || !CRUMB.matcher(body).matches()) {
            throw new YahooUnavailableException(
                    "Yahoo gave no crumb (%d): %s".formatted(response.statusCode(), abbreviate(body)));
        }
        gate.answered();
        crumb = body;
        return body;
    }

    /** Sends through the gate; a 429 or a {@code Too Many Requests} body (Yahoo's crumb says that too) is a 429. */
    private HttpResponse<String> send(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(properties.requestTimeout())
                .header("User-Agent", properties.userAgent())
                .header("Accept", "application/json,text/plain,*/*")
                .header("Accept-Language", "en-US,en;q=0.9")
                .GET()
                .build();
        HttpResponse<String> response;
        try (RequestGate.Permit _ = gate.acquire()) {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new YahooUnavailableException("Yahoo did not answer " + uri.getPath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new YahooUnavailableException("interrupted while waiting for Yahoo", e);
        }
        String body = response.body();
        if (response.statusCode() == 429 || (!body.startsWith("{") && body.contains("Too Many Requests"))) {
            throw new RateLimitedException("yahoo", gate.rateLimited(retryAfter(response)));
        }
        return response;
    }

    private URI uri(String path, Map<String, String> query) {
        String parameters = query.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(properties.queryUrl() + path + "?" + parameters);
    }

    private static Map<String, String> withCrumb(Map<String, String> query, String crumb) {
        Map<String, String> parameters = new LinkedHashMap<>(query);
        parameters.put("crumb", crumb);
        return parameters;
    }

    private static @Nullable Duration retryAfter(HttpResponse<String> response) {
        return response.headers()
                .firstValue("Retry-After")
                .filter(value -> value.matches("\\d{1,6}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value)))
                .orElse(null);
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }

    /** Yahoo failed in a way a later attempt may not: the task is retried with the bus's backoff. */
    static final class YahooUnavailableException extends RuntimeException {

        YahooUnavailableException(String message) {
            super(message);
        }

        YahooUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
