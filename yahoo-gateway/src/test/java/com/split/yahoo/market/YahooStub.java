package com.split.yahoo.market;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A local stand-in for Yahoo: each path answers with its scripted replies in turn, repeating the last, and every
 * request is recorded with the cookie it carried. Unscripted paths answer 404.
 */
public final class YahooStub implements AutoCloseable {

    public static final String COOKIE_PATH = "/cookie";
    public static final String CRUMB_PATH = "/v1/test/getcrumb";
    public static final String CRUMB = "ptm/idCTN/J";

    public record Reply(int status, String contentType, String body, Map<String, String> headers) {}

    public record Request(
            String path, @Nullable String query, @Nullable String cookie) {}

    private final HttpServer server;
    private final Map<String, Deque<Reply>> replies = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public YahooStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        // fc.yahoo.com answers 404 and sets the cookie all the same.
        on(
                COOKIE_PATH,
                new Reply(404, "text/html", "<html>Not Found</html>", Map.of("Set-Cookie", "A3=d=AQABBK; Path=/")));
        on(CRUMB_PATH, text(200, CRUMB));
    }

    public static Reply json(int status, String fixture) {
        try (InputStream in = YahooStub.class.getResourceAsStream("yahoo/" + fixture)) {
            return new Reply(
                    status,
                    "application/json;charset=utf-8",
                    new String(Objects.requireNonNull(in, fixture).readAllBytes(), StandardCharsets.UTF_8),
                    Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Reply text(int status, String body) {
        return new Reply(status, "text/plain;charset=utf-8", body, Map.of());
    }

    public static Reply tooManyRequests() {
        return text(429, "Too Many Requests");
    }

    /** Replaces what {@code path} answers with. */
    public void on(String path, Reply... script) {
        replies.put(path, new ArrayDeque<>(List.of(script)));
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public YahooProperties properties() {
        URI base = uri();
        return new YahooProperties(
                base,
                base.resolve(COOKIE_PATH),
                base.resolve(CRUMB_PATH),
                "Mozilla/5.0 (test)",
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                Duration.ZERO,
                1,
                Duration.ofSeconds(30),
                Duration.ofMinutes(10),
                3,
                Duration.ofMinutes(15));
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            requests.add(new Request(
                    uri.getPath(),
                    uri.getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Cookie")));
            Deque<Reply> script = replies.get(uri.getPath());
            Reply reply = script == null
                    ? text(404, "no stub for " + uri.getPath())
                    : script.size() > 1 ? script.poll() : script.peek();
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            reply.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
