package com.split.initfilter.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Altman's distress score of the newest fiscal year, as a flag: it was calibrated on manufacturers and means nothing
 * for banks.
 *
 * <p>The model: not applied in the exempt sectors (zone unknown); Z'' = 6.56·WC/TA + 3.26·RE/TA + 6.72·EBIT/TA +
 * 1.05·BVE/TL for the non-manufacturing sectors that {@code split.filter.altman.z-double-prime-sectors} lists, and for
 * any ticker whose market value is unknown (Z'' takes book equity instead); else Z = 1.2·WC/TA + 1.4·RE/TA +
 * 3.3·EBIT/TA + 0.6·MVE/TL + 1.0·Sales/TA. Working capital is the stored line, or current assets less current
 * liabilities.
 *
 * @param z the score, or null when it could not be computed
 * @param range the applied model's zones (distress..safe), which also scale its sub-score; null with {@code z}
 */
public record Altman(
        @Nullable Double z,
        Model model,
        Zone zone,
        @Nullable ReferenceRange range,
        String reason) {

    public enum Model {
        Z("z", "Z"),
        Z_DOUBLE_PRIME("z_double_prime", "Z''"),
        NONE("none", "Z");

        private final String wireName;
        private final String symbol;

        Model(String wireName, String symbol) {
            this.wireName = wireName;
            this.symbol = symbol;
        }

        public String wireName() {
            return wireName;
        }
    }

    public enum Zone {
        SAFE,
        GREY,
        DISTRESS,
        UNKNOWN;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static Altman of(
            @Nullable FiscalYear latest,
            @Nullable Double marketCap,
            @Nullable String sector,
            FilterProperties properties) {
        if (properties.exempt(sector)) {
            return none("altman: not applied to " + sector);
        }
        if (latest == null) {
            return none("altman: no statements stored");
        }
        FilterProperties.Altman settings = properties.altman();
        Model model = settings.usesZDoublePrime(sector) || marketCap == null ? Model.Z_DOUBLE_PRIME : Model.Z;
        List<String> missing = new ArrayList<>();
        double totalAssets = positive(latest, Line.TOTAL_ASSETS, missing);
        double totalLiabilities = positive(latest, Line.TOTAL_LIABILITIES, missing);
        double workingCapital = workingCapital(latest, missing);
        double retained = line(latest, Line.RETAINED_EARNINGS, missing);
        double ebit = line(latest, Line.EBIT, missing);
        double z;
        if (model == Model.Z) {
            double sales = line(latest, Line.TOTAL_REVENUE, missing);
            z = 1.2 * workingCapital / totalAssets
                    + 1.4 * retained / totalAssets
                    + 3.3 * ebit / totalAssets
                    + 0.6 * marketCap / totalLiabilities
                    + 1.0 * sales / totalAssets;
        } else {
            double bookEquity = line(latest, Line.STOCKHOLDERS_EQUITY, missing);
            z = 6.56 * workingCapital / totalAssets
                    + 3.26 * retained / totalAssets
                    + 6.72 * ebit / totalAssets
                    + 1.05 * bookEquity / totalLiabilities;
        }
        if (!missing.isEmpty()) {
            return none("altman: %s unknown for %s".formatted(String.join(", ", missing), model.symbol));
        }
        ReferenceRange range = model == Model.Z ? settings.z() : settings.zDoublePrime();
        Zone zone = z > range.best() ? Zone.SAFE : z < range.worst() ? Zone.DISTRESS : Zone.GREY;
        String bounds = switch (zone) {
            case SAFE -> "> " + Numbers.text(range.best());
            case DISTRESS -> "< " + Numbers.text(range.worst());
            default -> Numbers.text(range.worst()) + "–" + Numbers.text(range.best());
        };
        String why = model == Model.Z_DOUBLE_PRIME ? marketCap == null ? ", market value unknown" : ", " + sector : "";
        return new Altman(
                z,
                model,
                zone,
                range,
                "altman: %s = %s, %s %s%s".formatted(model.symbol, Numbers.text(z), zone.wireName(), bounds, why));
    }

    private static Altman none(String reason) {
        return new Altman(null, Model.NONE, Zone.UNKNOWN, null, reason);
    }

    private static double workingCapital(FiscalYear year, List<String> missing) {
        Double stated = year.get(Line.WORKING_CAPITAL);
        if (stated != null) {
            return stated;
        }
        Double assets = year.get(Line.CURRENT_ASSETS);
        Double liabilities = year.get(Line.CURRENT_LIABILITIES);
        if (assets == null || liabilities == null) {
            missing.add(Line.WORKING_CAPITAL.key());
            return Double.NaN;
        }
        return assets - liabilities;
    }

    private static double line(FiscalYear year, Line line, List<String> missing) {
        Double value = year.get(line);
        if (value == null) {
            missing.add(line.key());
            return Double.NaN;
        }
        return value;
    }

    /** A denominator: missing, zero or negative leaves the ratio undefined. */
    private static double positive(FiscalYear year, Line line, List<String> missing) {
        Double value = year.get(line);
        if (value == null || value <= 0) {
            missing.add(line.key());
            return Double.NaN;
        }
        return value;
    }
}
