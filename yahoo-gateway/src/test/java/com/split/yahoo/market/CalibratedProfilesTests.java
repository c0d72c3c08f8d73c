package com.split.yahoo.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CalibratedProfilesTests {

    static final String HEADER = "symbol,name,exchange,sector,industry,listed,as_of,close,band,shares_m,market_cap_b,"
            + "dividend_yield,volatility,beta,fiscal_year_end,revenue_b,revenue_growth,gross_margin,operating_margin,"
            + "net_margin,total_assets_b,total_debt_b,equity_b,current_ratio";
    static final String MARKET = "^GSPC,S&P 500,SNP,,,,2024-12-31,5881.63,0.01,,,,0.16,1.00,,,0.08,,,,,,,";
    static final String KO = "KO,The Coca-Cola Company,NYQ,Consumer Defensive,Beverages - Non-Alcoholic,,2024-12-31,"
            + "62.26,0.02,4308,268.2,0.031,0.15,0.60,2024-12,47.1,0.05,0.608,0.215,0.226,100.5,44.5,24.9,1.03";

    @Test
    void readsCommentsHeaderAndRows() {
        CalibratedProfiles profiles = CalibratedProfiles.parse(List.of("# a comment", HEADER, MARKET, "", KO));
        CalibratedProfile ko = profiles.get("KO").orElseThrow();
        assertThat(ko.close()).isEqualTo(62.26);
        assertThat(ko.company().shares()).isEqualTo(4.308e9);
        assertThat(ko.company().marketCap()).isEqualTo(268.2e9);
        assertThat(ko.listed()).hasToString("1995-01-02");
        assertThat(profiles.market().index()).isTrue();
    }

    @Test
    void aMarketCapThatIsNotCloseTimesSharesStopsWithTheLine() {
        String wrong = KO.replace(",268.2,", ",300.0,");
        assertThatThrownBy(() -> CalibratedProfiles.parse(List.of(HEADER, MARKET, wrong)))
                .hasMessageContaining("line 3, market_cap_b KO: close × shares is 2.682e+11, more than 1 %");
    }

    @Test
    void badRowsAreRefusedWithTheirLineAndColumn() {
        assertThatThrownBy(() -> CalibratedProfiles.parse(List.of(HEADER, MARKET, KO.replace("62.26", "abc"))))
                .hasMessageContaining("line 3, close KO: not a number");
        assertThatThrownBy(() -> CalibratedProfiles.parse(List.of(HEADER, MARKET, KO, KO)))
                .hasMessageContaining("line 4: KO is listed twice");
        assertThatThrownBy(() -> CalibratedProfiles.parse(List.of(HEADER, MARKET, KO.replace(",0.215,", ",0.7,"))))
                .hasMessageContaining("operating margin < gross margin");
        assertThatThrownBy(() -> CalibratedProfiles.parse(List.of(HEADER, MARKET, "KO,1,2")))
                .hasMessageContaining("line 3: 3 fields, expected 24");
        assertThatThrownBy(() -> CalibratedProfiles.parse(List.of(HEADER, MARKET, KO.replace("2024-12,", "Dec,"))))
                .hasMessageContaining("fiscal_year_end KO: not a year-month");
    }

    @Test
    void theMarketFactorAndTheHeaderAreRequired() {
        assertThatThrownBy(() -> CalibratedProfiles.parse(List.of(HEADER, KO)))
                .hasMessageContaining("must hold the market factor ^GSPC");
        assertThatThrownBy(() -> CalibratedProfiles.parse(List.of("symbol,close", MARKET)))
                .hasMessageContaining("line 1: the header must be symbol,name,");
    }
}
