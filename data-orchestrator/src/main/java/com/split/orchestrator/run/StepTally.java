package com.split.orchestrator.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What the endings of a step's children say so far, by the dropping rules: every ticker of a child that did not
 * succeed (FAILURE after its retries, CANCELLED, TIMEOUT) is dropped with that child's error, and in the fetch step
 * every ticker that a child reports as {@code unknown_symbol} ({@code details.tickers.<T>.result}) is dropped with its
 * detail. When two reasons apply to a ticker, the one of the earlier child (by chunk, then by type) wins, so that the
 * tally does not depend on the order the notices came in.
 *
 * @param total the tickers the step works on
 * @param done those of chunks whose every task has ended, less the dropped ones
 * @param dropped the dropped tickers with their reasons, in the step's ticker order
 */
record StepTally(int total, int done, Map<String, String> dropped) {

    static final String UNKNOWN_SYMBOL = "unknown_symbol";

    StepTally {
        dropped = Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
    }

    int failed() {
        return dropped.size();
    }

    /** The tickers not dropped, in the given order. */
    List<String> kept(List<String> tickers) {
        return tickers.stream().filter(ticker -> !dropped.containsKey(ticker)).toList();
    }

    /**
     * @param tickers the step's tickers, in the run's order
     * @param children the step's children
     * @param endings the endings recorded so far, by child id (others are ignored)
     */
    static StepTally of(Step step, List<String> tickers, List<ChildSpec> children, Map<UUID, Ending> endings) {
        Set<String> ours = new HashSet<>(tickers);
        Map<String, String> reasons = new LinkedHashMap<>();
        Map<Integer, List<ChildSpec>> chunks = new TreeMap<>();
        List<ChildSpec> ordered = new ArrayList<>(children);
        ordered.sort(Comparator.comparingInt(ChildSpec::chunk)
                .thenComparingInt(child -> step.taskTypes().indexOf(child.type())));
        for (ChildSpec child : ordered) {
            chunks.computeIfAbsent(child.chunk(), chunk -> new ArrayList<>()).add(child);
            Ending ending = endings.get(child.taskId());
            if (ending == null) {
                continue;
            }
            if (!ending.succeeded()) {
                child.tickers().forEach(ticker -> reasons.putIfAbsent(ticker, ending.reason()));
            } else if (step == Step.FETCH) {
                unknownSymbols(child, ending, reasons);
            }
        }
        reasons.keySet().retainAll(ours);
        int done = 0;
        for (List<ChildSpec> chunk : chunks.values()) {
            if (chunk.stream().allMatch(child -> endings.containsKey(child.taskId()))) {
                done += (int) chunk.getFirst().tickers().stream()
                        .filter(ticker -> ours.contains(ticker) && !reasons.containsKey(ticker))
                        .count();
            }
        }
        Map<String, String> dropped = new LinkedHashMap<>();
        for (String ticker : tickers) {
            String reason = reasons.get(ticker);
            if (reason != null) {
                dropped.put(ticker, reason);
            }
        }
        return new StepTally(tickers.size(), done, dropped);
    }

    /** The yahoo-gateway details: {@code {"tickers": {"XYZ": {"result": "unknown_symbol", "detail": "…"}}}}. */
    private static void unknownSymbols(ChildSpec child, Ending ending, Map<String, String> reasons) {
        JsonNode reported = ending.details().path("tickers");
        if (!reported.isObject()) {
            return;
        }
        for (String ticker : child.tickers()) {
            JsonNode result = reported.path(ticker);
            if (UNKNOWN_SYMBOL.equals(result.path("result").asString(""))) {
                String detail = result.path("detail").asString("");
                reasons.putIfAbsent(ticker, detail.isBlank() ? "unknown symbol" : detail);
            }
        }
    }
}
