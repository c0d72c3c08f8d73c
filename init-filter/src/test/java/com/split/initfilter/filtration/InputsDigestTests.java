package com.split.initfilter.filtration;

import static org.assertj.core.api.Assertions.assertThat;

import com.split.initfilter.screening.Bar;
import com.split.initfilter.screening.FiscalYear;
import com.split.initfilter.screening.Fixtures;
import com.split.initfilter.screening.KeyStatistics;
import com.split.initfilter.screening.Line;
import com.split.initfilter.screening.ShareSplit;
import com.split.initfilter.screening.TickerInputs;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class InputsDigestTests {

    static final LocalDate DAY = LocalDate.of(2026, 11, 25);

    static TickerInputs inputs(double close, double roe, double netIncome, List<ShareSplit> splits) {
        Map<Line, Double> latest = Fixtures.latestLines();
        latest.put(Line.NET_INCOME, netIncome);
        return new TickerInputs(
                "AAPL",
                List.of(new Bar(DAY.minusDays(1), 100, 1000), new Bar(DAY, close, 1000)),
                new KeyStatistics(DAY, "Technology", 1e12, roe, 0.2, 1.69, 1e11, 5e7),
                new FiscalYear(Fixtures.LATEST_END, latest),
                new FiscalYear(Fixtures.PREVIOUS_END, Fixtures.previousLines()),
                splits);
    }

    @Test
    void equalInputsInTheSameContextHaveTheSameDigest() {
        String digest = InputsDigest.of("v1", inputs(101, 0.3, 100, List.of()));

        assertThat(InputsDigest.of("v1", inputs(101, 0.3, 100, List.of())))
                .isEqualTo(digest)
                .hasSize(64);
    }

    @Test
    void anyInputOrTheContextChangesTheDigest() {
        String digest = InputsDigest.of("v1", inputs(101, 0.3, 100, List.of()));

        List<String> others = new ArrayList<>();
        others.add(InputsDigest.of("v1", inputs(101.01, 0.3, 100, List.of())));
        others.add(InputsDigest.of("v1", inputs(101, 0.31, 100, List.of())));
        others.add(InputsDigest.of("v1", inputs(101, 0.3, 101, List.of())));
        others.add(InputsDigest.of("v1", inputs(101, 0.3, 100, List.of(new ShareSplit(DAY, 2, 1)))));
        others.add(InputsDigest.of("v2", inputs(101, 0.3, 100, List.of())));
        others.add(InputsDigest.of("v1", TickerInputs.none("AAPL")));

        assertThat(others).doesNotContain(digest).doesNotHaveDuplicates();
    }

    @Test
    void theUniverseDigestDependsOnEveryTickerButNotOnTheirOrder() {
        String universe = InputsDigest.universe(Map.of("AAPL", "a", "MSFT", "b"));

        assertThat(InputsDigest.universe(new TreeMap<>(Map.of("MSFT", "b", "AAPL", "a"))))
                .isEqualTo(universe);
        assertThat(InputsDigest.universe(Map.of("AAPL", "a", "MSFT", "c"))).isNotEqualTo(universe);
    }
}
