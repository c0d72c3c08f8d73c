package com.split.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A command and its options: {@code --name value}, {@code --name=value}, or a bare {@code --flag} (read as {@code true}).
 * Malformed or unknown options are an {@link IllegalArgumentException} whose message the user can act on.
 */
record Args(String command, Map<String, String> options) {

    Args {
        options = Map.copyOf(options);
    }

    static Args parse(String... argv) {
        if (argv.length == 0 || argv[0].startsWith("--")) {
            throw new IllegalArgumentException("missing command: produce, work, run, soak, journal, logs or refresh");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < argv.length; i++) {
            String token = argv[i];
            if (!token.startsWith("--") || token.length() == 2) {
                throw new IllegalArgumentException(
                        "unexpected argument '" + token + "': options look like --name value");
            }
            String name = token.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                value = argv[++i];
            } else {
                value = "true";
            }
            if (options.put(name, value) != null) {
                throw new IllegalArgumentException("--" + name + " given twice");
            }
        }
        return new Args(argv[0], options);
    }

    /** Rejects options the command does not know, so that a typo does not silently run the default. */
    Args allowOnly(Set<String> known) {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "%s does not take %s; it takes %s".formatted(command, unknown, new TreeSet<>(known)));
        }
        return this;
    }

    String string(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    String required(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(command + " needs --" + name);
        }
        return value;
    }

    boolean flag(String name) {
        String value = options.get(name);
        if (value == null) {
            return false;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + name + " is a flag, not '" + value + "'");
        };
    }

    long positive(String name, long fallback) {
        return atLeast(name, fallback, 1);
    }

    long atLeast(String name, long fallback, long minimum) {
        String value = options.get(name);
        long number = value == null ? fallback : parseLong(name, value);
        if (number < minimum) {
            throw new IllegalArgumentException("--" + name + " must be at least " + minimum + ", was " + number);
        }
        return number;
    }

    int intAtLeast(String name, int fallback, int minimum) {
        return Math.toIntExact(atLeast(name, fallback, minimum));
    }

    Duration seconds(String name, Duration fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        double seconds = parseDouble(name, value);
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("--" + name + " must be a positive number of seconds, was " + value);
        }
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    /** A required positive number, such as {@code --rate 100}. */
    double positiveNumber(String name) {
        String value = required(name);
        double number = parseDouble(name, value);
        if (!(number > 0) || Double.isInfinite(number)) {
            throw new IllegalArgumentException("--" + name + " must be a positive number, was " + value);
        }
        return number;
    }

    /** A comma-separated list of positive numbers, such as {@code --rate 100,1000}. */
    List<Double> positives(String name, List<Double> fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        List<Double> numbers = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            double number = parseDouble(name, part.strip());
            if (!(number > 0)) {
                throw new IllegalArgumentException("--" + name + " takes positive numbers, not '" + part + "'");
            }
            numbers.add(number);
        }
        return List.copyOf(numbers);
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a whole number, not '" + value + "'");
        }
    }

    private static double parseDouble(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " takes a number, not '" + value + "'");
        }
    }
}
