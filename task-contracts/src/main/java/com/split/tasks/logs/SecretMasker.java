package com.split.tasks.logs;

import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in log text before it leaves the process: values of password-, secret-, token- and key-like keys
 * ({@code password=…}, {@code "api_key": "…"}, {@code db.password: …}, a JDBC URL's {@code &password=…}), the
 * credential of {@code Authorization} headers and of bare {@code Bearer} tokens, and the password in URLs
 * ({@code redis://user:pass@host}, {@code jdbc:mysql://u:p@host}, {@code https://u:p@host}). What is masked becomes
 * {@value #MASK}; key names, schemes, user names and hosts stay, so the line still says what happened.
 *
 * <p>A safety net for the usual shapes, not a guarantee. Stateless and thread-safe; the patterns are compiled once, and
 * the appender runs them on its shipping thread, never on the thread that logs.
 */
public final class SecretMasker {

    public static final String MASK = "****";

    /**
     * Keys whose values are secrets, with any prefix or suffix ({@code db_password}, {@code X-Api-Key}). A key starts
     * where a word does: without that, each position of a long word would rescan the rest of it (quadratic time).
     */
    private static final String SECRET_KEY =
            "(?<![\\w.-])[\\w.-]*(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)[\\w.-]*";

    /**
     * {@code key=value}, {@code key: value}, {@code "key": "value"}, also with escaped quotes (JSON inside a JSON
     * string). Groups: 1 key, 2 separator, 3 opening quote and 4 value of a double-quoted value, 5 a single-quoted
     * value, 6 a bare value, which runs to the next blank, quote or separator.
     */
    private static final Pattern KEY_VALUE = Pattern.compile("(?i)(" + SECRET_KEY + ")(\\\\?[\"']?\\s*[:=]\\s*)"
            + "(?:(\\\\?\")((?:[^\"\\\\]|\\\\[^\"])*)\\\\?\"|'([^']*)'|([^\\s\"'&,;}\\])]+))");

    /** {@code Authorization: Bearer x}, {@code "Proxy-Authorization":"Basic x"}, or a bare token {@code Bearer x}. */
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(?i)(authorization\\\\?[\"']?\\s*[:=]\\s*\\\\?[\"']?\\s*(?:(?:bearer|basic|digest|token)\\s+)?)([^\\s\"'\\\\,;]+)"
                    + "|(\\bbearer\\s+)([\\w.~+/=-]{8,})");

    /**
     * The password of a URL's user info ({@code scheme://user:password@}); for Redis a single segment is the password
     * ({@code redis://password@host}).
     */
    private static final Pattern URL_CREDENTIALS =
            Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://[^\\s/:@\"']*:)[^\\s/@\"']+@|\\b(rediss?://)[^\\s/:@\"']+@");

    private SecretMasker() {}

    /** Words one of which a text must hold for {@link #KEY_VALUE} to match; most log lines hold none. */
    private static final Pattern KEY_WORD =
            Pattern.compile("(?i)passw|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential");

    private static final Pattern AUTHORIZATION_WORD = Pattern.compile("(?i)authorization|bearer");

    public static String mask(String text) {
        // A cheap look for the words comes first: the full patterns backtrack over every word of the text.
        String masked = text.contains("://")
                ? replace(URL_CREDENTIALS, text, m -> (m.group(1) != null ? m.group(1) : m.group(2)) + MASK + "@")
                : text;
        if (AUTHORIZATION_WORD.matcher(masked).find()) {
            masked = replace(AUTHORIZATION, masked, m -> (m.group(1) != null ? m.group(1) : m.group(3)) + MASK);
        }
        if (!KEY_WORD.matcher(masked).find()) {
            return masked;
        }
        return replace(KEY_VALUE, masked, m -> {
            String value;
            if (m.group(3) != null) {
                value = m.group(3) + MASK + m.group(3);
            } else if (m.group(5) != null) {
                value = "'" + MASK + "'";
            } else {
                value = MASK;
            }
            return m.group(1) + m.group(2) + value;
        });
    }

    private static String replace(Pattern pattern, String text, Function<MatchResult, String> masked) {
        return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(masked.apply(m)));
    }
}
