package com.split.finalsel.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FilterVerdictTests {

    /** The example of the cross-module contract, as init-filter writes it. */
    static final String CONTRACT_EXAMPLE = """
            {"version": 1,
             "passed": true,
             "gates": {"price_floor":   {"verdict": "pass", "value": 187.2, "bound": 5.0, "reason": "close 187.2"},
                       "liquidity":     {"verdict": "fail", "value": 1.2e6, "bound": 5.0e6, "days": 20, "source": "bars",
                                         "reason": "ADV$ 20d = 1.2e6 < 5e6"},
                       "leverage":      {"verdict": "exempt", "value": null, "bound": 2.0, "reason": "financial"},
                       "profitability": {"verdict": "pass", "roe": 0.3, "roa": 0.2, "operating_cash_flow": 1.1e11,
                                         "reason": "ROE 30%"}},
             "piotroski": {"score": 6, "signals_known": 8, "signals": {"roa_positive": true, "cfo_positive": null},
                           "reason": "6 of 8"},
             "altman": {"z": 1.2, "model": "z", "zone": "distress", "reason": "Z 1.2 < 1.81"},
             "metrics": {"close": 187.2, "adv_dollar": 1.2e6, "roe": 0.3},
             "sub_scores": {"liquidity": 0.1, "piotroski": 0.67},
             "score_method": "reference_ranges",
             "reasons": ["liquidity: ADV$ 20d = 1.2e6 < 5e6", "altman: distress"]}""";

    @Test
    void readsWhatFinalSelUsesFromTheContractLayout() {
        FilterVerdict verdict = FilterVerdict.of(true, 0.71, CONTRACT_EXAMPLE);

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.normalizedScore()).isEqualTo(0.71);
        assertThat(verdict.piotroski()).isEqualTo(6);
        assertThat(verdict.piotroskiKnown()).isEqualTo(8);
        assertThat(verdict.altmanZone()).isEqualTo("distress");
        assertThat(verdict.altmanZ()).isEqualTo(1.2);
        assertThat(verdict.liquidityVerdict()).isEqualTo("fail");
        assertThat(verdict.liquidityReason()).isEqualTo("ADV$ 20d = 1.2e6 < 5e6");
        assertThat(verdict.failure()).isEqualTo("liquidity: ADV$ 20d = 1.2e6 < 5e6; altman: distress");
    }

    @Test
    void unknownAndUnreadableValuesAreUnknown() {
        FilterVerdict nulls = FilterVerdict.of(
                false, null, "{\"piotroski\": {\"score\": null}, \"altman\": {\"zone\": null}, \"reasons\": []}");
        assertThat(nulls.piotroski()).isNull();
        assertThat(nulls.piotroskiKnown()).isZero();
        assertThat(nulls.altmanZone()).isEqualTo("unknown");
        assertThat(nulls.liquidityVerdict()).isEqualTo("unknown");
        assertThat(nulls.failure()).isEqualTo("did not pass the initial filter");

        assertThat(FilterVerdict.of(true, null, "not json").piotroski()).isNull();
        assertThat(FilterVerdict.of(true, null, null).altmanZone()).isEqualTo("unknown");
    }
}
