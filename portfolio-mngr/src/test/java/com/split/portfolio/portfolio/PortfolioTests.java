package com.split.portfolio.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.split.web.InvalidParameterException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortfolioTests {

    @ParameterizedTest
    @ValueSource(strings = {"1", " 42 ", "9223372036854775807"})
    void readsAPositiveId(String raw) {
        assertThat(Portfolio.parseId("id", raw)).isEqualTo(Long.parseLong(raw.strip()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "1.5", "9223372036854775808", ""})
    void refusesWhatIsNotAnId(String raw) {
        assertThatExceptionOfType(InvalidParameterException.class)
                .isThrownBy(() -> Portfolio.parseId("id", raw))
                .satisfies(e -> assertThat(e.getBody().getDetail())
                        .isEqualTo("Parameter 'id' must be a positive integer, was '%s'".formatted(raw)));
    }
}
