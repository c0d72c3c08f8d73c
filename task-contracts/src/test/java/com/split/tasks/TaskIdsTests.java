package com.split.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskIdsTests {

    @Test
    void idsAreVersion7WithTheirTimestamp() {
        UUID id = TaskIds.newId(1_700_000_000_123L);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(TaskIds.epochMillis(id)).isGreaterThanOrEqualTo(1_700_000_000_123L);
    }

    @Test
    void idsFromOneMillisecondStillIncrease() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(TaskIds.newId(1_800_000_000_000L));
        }
        assertThat(ids)
                .isSortedAccordingTo(
                        (a, b) -> Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits()));
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void prefixWithFourHexDigitsIsAVersion7Id() {
        String prefix = TaskIds.newIdPrefix();
        UUID first = UUID.fromString(prefix + "0001");
        UUID last = UUID.fromString(prefix + "ffff");
        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(first).isNotEqualTo(last);
    }
}
