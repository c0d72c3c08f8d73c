package com.split.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code refresh}: how long a whole refresh run takes on a running stack ({@code bin/split up}), from
 * {@code POST /api/portfolios/{id}/refresh} to the recommendations being readable from portfolio-mngr. It creates a
 * portfolio of fresh symbols (so the first run fetches every ticker's history), then refreshes it {@code --runs} times:
 * the first run is cold, the later ones find the market data current.
 */
@Command(
        name = "refresh",
        description = {
            "Whole refresh runs on a running stack (bin/split up).",
            "From POST /api/portfolios/{id}/refresh to readable recommendations, the first run cold; over"
                    + " 100 tickers the stack needs SPLIT_PORTFOLIO_MAX_TICKERS."
        })
final class Refresh extends BenchCommand {

    private static final Duration POLL = Duration.ofMillis(50);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8081", description = "portfolio-mngr")
    private String url;

    /** HTTP Basic, {@link StackLogin}'s. */
    private String authorization;

    @Option(names = "--tickers", defaultValue = "10")
    private int tickers;

    @Option(names = "--runs", defaultValue = "3", description = "refreshes, the first cold")
    private int runs;

    @Option(
            names = "--max-seconds",
            defaultValue = "300",
            paramLabel = "SECONDS",
            description = "how long one run may take")
    private Duration patience;

    /** One run: the wall time from the POST to the recommendations, and what portfolio-mngr reported. */
    record Timed(
            String sessionId,
            String status,
            double seconds,
            int recommendations,
            int buy,
            int dropped,
            Map<String, Long> stepMillis) {}

    record Result(int tickers, String portfolio, List<Timed> runs) {}

    @Override
    protected void check() {
        atLeast("--tickers", tickers, 1);
        atLeast("--runs", runs, 1);
    }

    @Override
    protected void run() throws IOException, InterruptedException {
        url = url.replaceAll("/+$", "");
        authorization = StackLogin.header();
        String name =
                "bench-%d-%08x".formatted(tickers, ThreadLocalRandom.current().nextInt());
        long portfolio = createPortfolio(name, symbols(tickers));
        List<Timed> timed = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Timed one = refresh(portfolio, patience);
            timed.add(one);
            System.out.printf(
                    Locale.ROOT,
                    "refresh %d of %d, %d tickers (%s): %s in %.2f s, %d recommendations (%d BUY), %d dropped, steps %s%n",
                    i + 1,
                    runs,
                    tickers,
                    i == 0 ? "cold: every history fetched" : "warm: market data current",
                    one.status(),
                    one.seconds(),
                    one.recommendations(),
                    one.buy(),
                    one.dropped(),
                    one.stepMillis());
        }
        System.out.println(Json.line(new Result(tickers, name, timed)));
    }

    /** Symbols no other portfolio holds: the offline provider makes data for any valid symbol. */
    static List<String> symbols(int count) {
        String tag = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36)
                .toUpperCase(Locale.ROOT);
        List<String> symbols = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            symbols.add("Z%s%04d".formatted(tag, i));
        }
        return symbols;
    }

    private long createPortfolio(String name, List<String> symbols) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("tickers", symbols);
        body.put("reason", "split-bench refresh");
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url + "/api/portfolios"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.line(body))));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("creating the portfolio answered %d: %s (for more than 100 tickers, start "
                            .formatted(response.statusCode(), response.body())
                    + "the stack with SPLIT_PORTFOLIO_MAX_TICKERS=1000)");
        }
        return Json.read(response.body(), JsonNode.class).get("id").asLong();
    }

    private Timed refresh(long portfolio, Duration patience) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> started =
                send(HttpRequest.newBuilder(URI.create(url + "/api/portfolios/" + portfolio + "/refresh"))
                        .POST(HttpRequest.BodyPublishers.noBody()));
        if (started.statusCode() != 202) {
            throw new IllegalStateException("refresh answered %d: %s".formatted(started.statusCode(), started.body()));
        }
        String session =
                Json.read(started.body(), JsonNode.class).get("session_id").asString();
        long deadline = start + patience.toNanos();
        JsonNode run;
        while (true) {
            run = get("/api/runs/" + session);
            if (!run.get("status").asString().equals("RUNNING")) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("run " + session + " still RUNNING after " + patience);
            }
            Thread.sleep(POLL);
        }
        JsonNode recommendations = run.get("status").asString().equals("SUCCESS")
                ? get("/api/portfolios/" + portfolio + "/recommendations").get("recommendations")
                : null;
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> steps = new LinkedHashMap<>();
        for (JsonNode step : run.get("steps")) {
            steps.put(step.get("step").asString(), step.path("duration_ms").asLong(-1));
        }
        int buy = 0;
        if (recommendations != null) {
            for (JsonNode recommendation : recommendations) {
                buy += recommendation.get("decision").asString().equals("BUY") ? 1 : 0;
            }
        }
        return new Timed(
                session,
                run.get("status").asString(),
                seconds,
                recommendations == null ? 0 : recommendations.size(),
                buy,
                run.get("dropped").size(),
                steps);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(url + path)).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET %s answered %d: %s".formatted(path, response.statusCode(), response.body()));
        }
        return Json.read(response.body(), JsonNode.class);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(
                request.timeout(Duration.ofSeconds(30))
                        .header("Authorization", authorization)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
