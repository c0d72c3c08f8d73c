package com.split.bench;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ThrowawaySchemaTests {

    @Test
    void refusesAPrefixThatIsNotAPlainName() {
        // before any connection: the name goes into CREATE and DROP DATABASE as it is
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ThrowawaySchema.create(
                        "jdbc:mysql://127.0.0.1:1/", "u", "p", "x; DROP DATABASE split_stocks", false))
                .withMessageContaining("lower case letters");
    }
}
