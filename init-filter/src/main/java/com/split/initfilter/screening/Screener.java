package com.split.initfilter.screening;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Screens a session's universe: per ticker the gates, the F-score and the Altman flag, then the sub-scores, on fixed
 * reference ranges or, for a universe of at least {@code split.filter.cross-sectional-min-universe}, as robust z
 * against each other. The normalized score is the weighted mean of the sub-scores; an unknown metric scores
 * {@code split.filter.neutral-score}. Stateless and thread-safe.
 */
public final class Screener {

    private final FilterProperties properties;

    public Screener(FilterProperties properties) {
        this.properties = properties;
    }

    /** How a universe of {@code size} tickers is scored. */
    public ScoreMethod method(int size) {
        return size >= properties.crossSectionalMinUniverse() ? ScoreMethod.ROBUST_Z : ScoreMethod.REFERENCE_RANGES;
    }

    /** One screening per ticker of {@code universe}, in its order. */
    public List<Screening> screen(List<TickerInputs> universe) {
        List<Assessment> assessments = universe.stream().map(this::assess).toList();
        ScoreMethod method = method(universe.size());
        Map<SubScore, RobustZ> crossSection = new EnumMap<>(SubScore.class);
        if (method == ScoreMethod.ROBUST_Z) {
            for (SubScore subScore : SubScore.values()) {
                crossSection.put(
                        subScore,
                        new RobustZ(assessments.stream()
                                .map(assessment -> assessment.positions().get(subScore))
                                .filter(Objects::nonNull)
                                .mapToDouble(Double::doubleValue)
                                .toArray()));
            }
        }
        List<Screening> screenings = new ArrayList<>(assessments.size());
        for (Assessment assessment : assessments) {
            Map<SubScore, Double> subScores = new EnumMap<>(SubScore.class);
            for (SubScore subScore : SubScore.values()) {
                Double position = assessment.positions().get(subScore);
                double value = position == null
                        ? properties.neutralScore()
                        : method == ScoreMethod.ROBUST_Z
                                ? crossSection.get(subScore).score(position, properties.winsorLimit())
                                : ReferenceRange.clamp(position);
                subScores.put(subScore, Numbers.round4(value));
            }
            screenings.add(new Screening(
                    assessment.inputs(),
                    verdict(assessment.gates()),
                    Numbers.round4(weightedMean(subScores, properties.weights())),
                    method,
                    assessment.dollarVolume(),
                    assessment.gates(),
                    assessment.piotroski(),
                    assessment.altman(),
                    subScores,
                    reasons(assessment)));
        }
        return screenings;
    }

    /** What one ticker's own data says, before it is compared with anything. */
    private record Assessment(
            TickerInputs inputs,
            DollarVolume dollarVolume,
            List<GateResult> gates,
            Piotroski piotroski,
            Altman altman,
            Map<SubScore, Double> positions) {}

    private Assessment assess(TickerInputs inputs) {
        KeyStatistics statistics = inputs.statistics();
        DollarVolume dollarVolume = DollarVolume.of(
                inputs.bars(), properties.liquidity().days(), statistics == null ? null : statistics.averageVolume());
        List<GateResult> gates = Gates.judge(inputs, dollarVolume, properties);
        Piotroski piotroski = Piotroski.of(inputs.latest(), inputs.previous(), inputs.splits());
        Altman altman = Altman.of(
                inputs.latest(), statistics == null ? null : statistics.marketCap(), inputs.sector(), properties);
        return new Assessment(
                inputs,
                dollarVolume,
                gates,
                piotroski,
                altman,
                positions(inputs, dollarVolume, gates, piotroski, altman));
    }

    /**
     * Where each known metric lies on its reference range, unclamped (so that a robust z still tells the best from the
     * merely good); absent when unknown. The worst conceivable values (no volume, negative equity) are −∞.
     */
    private Map<SubScore, Double> positions(
            TickerInputs inputs,
            DollarVolume dollarVolume,
            List<GateResult> gates,
            Piotroski piotroski,
            Altman altman) {
        FilterProperties.Ranges ranges = properties.ranges();
        KeyStatistics statistics = inputs.statistics();
        Map<SubScore, Double> positions = new EnumMap<>(SubScore.class);
        Double dollars = dollarVolume.value();
        if (dollars != null) {
            positions.put(
                    SubScore.LIQUIDITY,
                    dollars > 0 ? ranges.liquidity().position(Math.log10(dollars)) : Double.NEGATIVE_INFINITY);
        }
        if (statistics != null) {
            Double debtToEquity = statistics.debtToEquity();
            boolean exempt = gates.get(Gate.LEVERAGE.ordinal()).verdict() == Verdict.EXEMPT;
            if (debtToEquity != null && !exempt) {
                positions.put(
                        SubScore.LEVERAGE,
                        debtToEquity >= 0 ? ranges.leverage().position(debtToEquity) : Double.NEGATIVE_INFINITY);
            }
            put(positions, SubScore.ROE, ranges.roe(), statistics.returnOnEquity());
            put(positions, SubScore.ROA, ranges.roa(), statistics.returnOnAssets());
        }
        if (piotroski.known() >= properties.piotroski().minSignals()) {
            // Scaled to nine signals, so that an unknown signal counts as neither held nor failed.
            positions.put(SubScore.PIOTROSKI, ranges.piotroski().position(9.0 * piotroski.score() / piotroski.known()));
        }
        if (altman.z() != null && altman.range() != null) {
            positions.put(SubScore.ALTMAN, altman.range().position(altman.z()));
        }
        return positions;
    }

    private static void put(
            Map<SubScore, Double> positions, SubScore subScore, ReferenceRange range, @Nullable Double value) {
        if (value != null) {
            positions.put(subScore, range.position(value));
        }
    }

    static double weightedMean(Map<SubScore, Double> subScores, FilterProperties.Weights weights) {
        double sum = 0;
        double total = 0;
        for (Map.Entry<SubScore, Double> subScore : subScores.entrySet()) {
            double weight = weights.of(subScore.getKey());
            sum += weight * subScore.getValue();
            total += weight;
        }
        return sum / total;
    }

    static Verdict verdict(List<GateResult> gates) {
        List<Verdict> verdicts = gates.stream().map(GateResult::verdict).toList();
        if (verdicts.contains(Verdict.FAIL)) {
            return Verdict.FAIL;
        }
        return verdicts.contains(Verdict.PASS) ? Verdict.PASS : Verdict.UNKNOWN;
    }

    private static List<String> reasons(Assessment assessment) {
        List<String> reasons = new ArrayList<>();
        for (Verdict verdict : List.of(Verdict.FAIL, Verdict.UNKNOWN, Verdict.EXEMPT)) {
            assessment.gates().stream()
                    .filter(gate -> gate.verdict() == verdict)
                    .forEach(gate -> reasons.add(gate.reason()));
        }
        reasons.add(assessment.piotroski().reason());
        reasons.add(assessment.altman().reason());
        return reasons;
    }
}
