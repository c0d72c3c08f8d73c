package com.split.yahoo.stocks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a task did for one of its tickers, as reported in {@code task_business_result}.
 *
 * @param rows rows stored (bars; or the fundamentals row and its statement lines)
 * @param detail the window fetched, why it was skipped, or why the symbol is unknown
 */
public record TickerReport(String symbol, Result result, int rows, String detail) {

    enum Result {
        WRITTEN,
        SKIPPED,
        UNKNOWN_SYMBOL;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static TickerReport written(String symbol, int rows, String detail) {
        return new TickerReport(symbol, Result.WRITTEN, rows, detail);
    }

    static TickerReport skipped(String symbol, String detail) {
        return new TickerReport(symbol, Result.SKIPPED, 0, detail);
    }

    static TickerReport unknown(String symbol, String detail) {
        return new TickerReport(symbol, Result.UNKNOWN_SYMBOL, 0, detail);
    }

    Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("result", result.wireName());
        details.put("rows", rows);
        details.put("detail", detail);
        return details;
    }
}
