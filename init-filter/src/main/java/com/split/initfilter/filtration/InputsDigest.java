package com.split.initfilter.filtration;

import com.split.initfilter.screening.Bar;
import com.split.initfilter.screening.FiscalYear;
import com.split.initfilter.screening.KeyStatistics;
import com.split.initfilter.screening.Line;
import com.split.initfilter.screening.ShareSplit;
import com.split.initfilter.screening.TickerInputs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * SHA-256 of exactly what one ticker's result is computed from: its inputs (every value the screen reads, so a
 * revised bar or a new fiscal year changes it) and the context they were judged in (the rules' version, every
 * setting, the score method and, for a cross-sectional score, the whole universe's inputs).
 */
final class InputsDigest {

    private static final char FIELD = '\u001f';
    private static final char RECORD = '\u001e';

    private InputsDigest() {}

    /** The digest of {@code inputs} judged in {@code context}. */
    static String of(String context, TickerInputs inputs) {
        return sha256(context + RECORD + canonical(inputs));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The inputs as text, every value in a fixed order with its unit separator: equal text, equal inputs. */
    static String canonical(TickerInputs inputs) {
        StringBuilder text = new StringBuilder(2048).append(inputs.ticker()).append(RECORD);
        for (Bar bar : inputs.bars()) {
            fields(text, bar.date(), bar.close(), bar.volume());
        }
        text.append(RECORD);
        KeyStatistics statistics = inputs.statistics();
        if (statistics != null) {
            fields(
                    text,
                    statistics.asOf(),
                    statistics.sector(),
                    statistics.marketCap(),
                    statistics.returnOnEquity(),
                    statistics.returnOnAssets(),
                    statistics.debtToEquity(),
                    statistics.operatingCashFlow(),
                    statistics.averageVolume());
        }
        text.append(RECORD);
        year(text, inputs.latest());
        year(text, inputs.previous());
        for (ShareSplit split : inputs.splits()) {
            fields(text, split.date(), split.numerator(), split.denominator());
        }
        return text.toString();
    }

    private static void year(StringBuilder text, @Nullable FiscalYear year) {
        if (year != null) {
            text.append(year.periodEnd()).append(FIELD);
            for (Line line : Line.values()) {
                Double value = year.get(line);
                if (value != null) {
                    text.append(line.key()).append('=').append(value).append(FIELD);
                }
            }
        }
        text.append(RECORD);
    }

    private static void fields(StringBuilder text, @Nullable Object... values) {
        for (Object value : values) {
            text.append(value == null ? "-" : value).append(FIELD);
        }
        text.append(RECORD);
    }

    /** The universe's digest: every ticker's own digest, sorted by ticker. */
    static String universe(Map<String, String> ownDigests) {
        StringBuilder text = new StringBuilder(ownDigests.size() * 80);
        ownDigests.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> text.append(entry.getKey())
                        .append(FIELD)
                        .append(entry.getValue())
                        .append(RECORD));
        return sha256(text.toString());
    }
}
