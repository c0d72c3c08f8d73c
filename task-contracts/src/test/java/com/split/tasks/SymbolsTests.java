package com.split.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SymbolsTests {

    @ParameterizedTest
    @ValueSource(strings = {"AAPL", "F", "BRK-B", "RDS.A", "^GSPC", "^N225", "7203.T", "ES=F", "EURUSD=X", "BTC-USD"})
    void acceptsYahooSpellings(String symbol) {
        assertThat(Symbols.isValid(symbol)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "aapl",
                "Brk-B",
                "BRK B",
                " AAPL",
                "AAPL ",
                "-AAPL",
                "AAPL.",
                "BRK--B",
                "^",
                "^^GSPC",
                "GS^PC",
                "AAPL$",
                "ÄPL",
                "ABCDEFGHIJKLMNOPQ"
            })
    void refusesEverythingElse(String symbol) {
        assertThat(Symbols.isValid(symbol)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABCDEFGHIJKLMNOP", "^ABCDEFGHIJKLMNO"})
    void acceptsUpToTheMaximumLength(String symbol) {
        assertThat(symbol).hasSize(Symbols.MAX_LENGTH);
        assertThat(Symbols.isValid(symbol)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {" brk-b ", "Brk-B", "BRK-B\n"})
    void normalizesUserInput(String input) {
        assertThat(Symbols.normalize(input)).isEqualTo("BRK-B");
        assertThat(Symbols.isValid(Symbols.normalize(input))).isTrue();
    }
}
