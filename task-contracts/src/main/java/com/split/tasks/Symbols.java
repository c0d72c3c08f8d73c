package com.split.tasks;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The ticker symbol rule every SPLit service applies before a symbol reaches a provider or a table.
 *
 * <p>A symbol is 1 to {@value #MAX_LENGTH} characters: upper-case ASCII letters and digits in groups joined by single
 * {@code .}, {@code -} or {@code =} characters, with an optional leading {@code ^} for an index. That admits Yahoo's
 * spellings of shares ({@code AAPL}, {@code BRK-B}, {@code RDS.A}), foreign listings ({@code 7203.T}), indices
 * ({@code ^GSPC}), futures and currencies ({@code ES=F}, {@code EURUSD=X}), and refuses lower case, spaces, empty and
 * over-long text, and separators at either end or doubled. User input goes through {@link #normalize} first.
 * Stateless and thread-safe.
 */
public final class Symbols {

    /** The longest symbol accepted, the {@code ^} included; the symbol columns are this wide. */
    public static final int MAX_LENGTH = 16;

    private static final Pattern SYMBOL = Pattern.compile("\\^?[A-Z0-9]+([.=-][A-Z0-9]+)*");

    private Symbols() {}

    public static boolean isValid(@Nullable String symbol) {
        return symbol != null
                && !symbol.isEmpty()
                && symbol.length() <= MAX_LENGTH
                && SYMBOL.matcher(symbol).matches();
    }

    /** What a user typed, as a symbol: trimmed and upper-cased. The result still has to pass {@link #isValid}. */
    public static String normalize(String input) {
        return input.strip().toUpperCase(Locale.ROOT);
    }
}
