package com.split.initfilter.screening;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The statement lines of one fiscal year; a line that was not reported is absent, not zero. */
public record FiscalYear(LocalDate periodEnd, Map<Line, Double> lines) {

    public FiscalYear {
        lines = lines.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(lines));
    }

    public @Nullable Double get(Line line) {
        return lines.get(line);
    }
}
