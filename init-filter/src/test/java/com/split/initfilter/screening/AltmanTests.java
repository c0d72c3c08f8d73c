package com.split.initfilter.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Statements in round numbers: TA 1000, TL 500, WC 200, RE 300, EBIT 100, sales 1200, book equity 500, so each term
 * can be added up by hand.
 */
class AltmanTests {

    final FilterProperties properties = Fixtures.properties();

    static Map<Line, Double> lines() {
        Map<Line, Double> lines = new EnumMap<>(Line.class);
        lines.put(Line.TOTAL_ASSETS, 1000.0);
        lines.put(Line.TOTAL_LIABILITIES, 500.0);
        lines.put(Line.WORKING_CAPITAL, 200.0);
        lines.put(Line.RETAINED_EARNINGS, 300.0);
        lines.put(Line.EBIT, 100.0);
        lines.put(Line.TOTAL_REVENUE, 1200.0);
        lines.put(Line.STOCKHOLDERS_EQUITY, 500.0);
        return lines;
    }

    Altman of(Map<Line, Double> lines, Double marketCap, String sector) {
        return Altman.of(new FiscalYear(Fixtures.LATEST_END, lines), marketCap, sector, properties);
    }

    @Test
    void zAddsItsFiveTermsForAManufacturerWithAMarketValue() {
        // 1.2·0.2 + 1.4·0.3 + 3.3·0.1 + 0.6·(1500/500) + 1.0·1.2 = 0.24 + 0.42 + 0.33 + 1.8 + 1.2
        Altman altman = of(lines(), 1500.0, "Industrials");

        assertThat(altman.model()).isEqualTo(Altman.Model.Z);
        assertThat(altman.z()).isCloseTo(3.99, within(1e-12));
        assertThat(altman.zone()).isEqualTo(Altman.Zone.SAFE);
        assertThat(altman.reason()).isEqualTo("altman: Z = 3.99, safe > 2.99");
    }

    @Test
    void zZonesAreDistressBelow181AndGreyUpTo299() {
        // with MVE 500: 0.24 + 0.42 + 0.33 + 0.6 + 1.2 = 2.79
        Altman grey = of(lines(), 500.0, "Industrials");
        assertThat(grey.z()).isCloseTo(2.79, within(1e-12));
        assertThat(grey.zone()).isEqualTo(Altman.Zone.GREY);
        assertThat(grey.reason()).isEqualTo("altman: Z = 2.79, grey 1.81–2.99");

        Map<Line, Double> failing = lines();
        failing.put(Line.WORKING_CAPITAL, -100.0);
        failing.put(Line.RETAINED_EARNINGS, -200.0);
        failing.put(Line.EBIT, -50.0);
        failing.put(Line.TOTAL_REVENUE, 500.0);
        // -0.12 - 0.28 - 0.165 + 0.6·0.4 + 0.5
        Altman distress = of(failing, 200.0, "Industrials");
        assertThat(distress.z()).isCloseTo(0.175, within(1e-12));
        assertThat(distress.zone()).isEqualTo(Altman.Zone.DISTRESS);
        assertThat(distress.reason()).isEqualTo("altman: Z = 0.175, distress < 1.81");
    }

    @Test
    void zDoublePrimeScoresTheConfiguredNonManufacturingSectors() {
        // 6.56·0.2 + 3.26·0.3 + 6.72·0.1 + 1.05·(500/500) = 1.312 + 0.978 + 0.672 + 1.05
        Altman altman = of(lines(), 1500.0, "Utilities");

        assertThat(altman.model()).isEqualTo(Altman.Model.Z_DOUBLE_PRIME);
        assertThat(altman.z()).isCloseTo(4.012, within(1e-12));
        assertThat(altman.zone()).isEqualTo(Altman.Zone.SAFE);
        assertThat(altman.range()).isEqualTo(new ReferenceRange(1.1, 2.6));
        assertThat(altman.reason()).isEqualTo("altman: Z'' = 4.01, safe > 2.6, Utilities");

        Map<Line, Double> weak = lines();
        weak.put(Line.RETAINED_EARNINGS, -100.0);
        weak.put(Line.EBIT, 0.0);
        weak.put(Line.STOCKHOLDERS_EQUITY, 100.0);
        // 1.312 - 0.326 + 0 + 0.21 = 1.196: between 1.1 and 2.6
        Altman grey = of(weak, 1500.0, "Utilities");
        assertThat(grey.z()).isCloseTo(1.196, within(1e-12));
        assertThat(grey.zone()).isEqualTo(Altman.Zone.GREY);
    }

    @Test
    void zDoublePrimeStandsInWhenTheMarketValueIsUnknown() {
        Altman altman = of(lines(), null, "Industrials");

        assertThat(altman.model()).isEqualTo(Altman.Model.Z_DOUBLE_PRIME);
        assertThat(altman.z()).isCloseTo(4.012, within(1e-12));
        assertThat(altman.reason()).isEqualTo("altman: Z'' = 4.01, safe > 2.6, market value unknown");
    }

    @Test
    void workingCapitalIsCurrentAssetsLessCurrentLiabilitiesWhenNotStated() {
        Map<Line, Double> lines = lines();
        lines.remove(Line.WORKING_CAPITAL);
        lines.put(Line.CURRENT_ASSETS, 450.0);
        lines.put(Line.CURRENT_LIABILITIES, 250.0);

        assertThat(of(lines, 1500.0, "Industrials").z()).isCloseTo(3.99, within(1e-12));
    }

    @Test
    void exemptSectorsGetNoScore() {
        Altman bank = of(lines(), 1500.0, "Financial Services");

        assertThat(bank.z()).isNull();
        assertThat(bank.model()).isEqualTo(Altman.Model.NONE);
        assertThat(bank.zone()).isEqualTo(Altman.Zone.UNKNOWN);
        assertThat(bank.reason()).isEqualTo("altman: not applied to Financial Services");
    }

    @Test
    void missingLinesLeaveTheZoneUnknownAndSayWhich() {
        Map<Line, Double> lines = lines();
        lines.remove(Line.TOTAL_LIABILITIES);
        lines.remove(Line.TOTAL_REVENUE);

        Altman altman = of(lines, 1500.0, "Industrials");

        assertThat(altman.z()).isNull();
        assertThat(altman.zone()).isEqualTo(Altman.Zone.UNKNOWN);
        assertThat(altman.reason())
                .isEqualTo("altman: TotalLiabilitiesNetMinorityInterest, TotalRevenue unknown for Z");
        assertThat(Altman.of(null, 1500.0, "Industrials", properties).reason())
                .isEqualTo("altman: no statements stored");
    }
}
