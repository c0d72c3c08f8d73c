package com.split.tasks.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SplitTestEnvironmentTests {

    @Test
    void everyEnvironmentHasItsOwnPrefixAndSchema() {
        SplitTestEnvironment first = SplitTestEnvironment.random();
        SplitTestEnvironment second = SplitTestEnvironment.random();

        assertThat(first.keyPrefix()).matches("test-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(first.schema()).matches("split_test_[0-9a-f]{12}");
        assertThat(first.keyPrefix()).isNotEqualTo(second.keyPrefix());
        assertThat(first.schema()).isNotEqualTo(second.schema());
    }

    @Test
    void schemaNamesNeverNeedQuoting() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SplitTestEnvironment("test-x", "x; DROP DATABASE y"));
    }
}
