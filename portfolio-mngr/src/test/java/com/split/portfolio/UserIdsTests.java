package com.split.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.split.web.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserIdsTests {

    @Test
    void readsATrimmedUserIdAndNothingFromABlank() {
        assertThat(UserIds.parse("userId", null)).isNull();
        assertThat(UserIds.parse("userId", "  ")).isNull();
        assertThat(UserIds.parse("userId", " alice.b@example-1 ")).isEqualTo("alice.b@example-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"two words", "semi;colon", "quote'", "é"})
    void refusesAUserIdThatCannotTravel(String raw) {
        assertThatThrownBy(() -> UserIds.parse("userId", raw))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Parameter 'userId' must be 1 to 64 letters");
    }

    @Test
    void refusesAUserIdLongerThanTheColumns() {
        assertThat(UserIds.parse("userId", "u".repeat(64))).hasSize(64);
        assertThatThrownBy(() -> UserIds.parse("userId", "u".repeat(65))).isInstanceOf(InvalidParameterException.class);
    }
}
