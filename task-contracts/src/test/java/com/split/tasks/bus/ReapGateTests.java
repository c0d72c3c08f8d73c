package com.split.tasks.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReapGateTests {

    final AtomicLong now = new AtomicLong();
    final ReapGate gate = new ReapGate(Duration.ofSeconds(15), now::get);

    void at(long seconds) {
        now.set(Duration.ofSeconds(seconds).toNanos());
    }

    @Test
    void opensOnceRedisAnsweredForALease() {
        assertThat(gate.isOpen()).isFalse();
        gate.reached();
        at(14);
        gate.reached();
        assertThat(gate.isOpen()).isFalse();
        at(15);
        assertThat(gate.isOpen()).isTrue();
    }

    @Test
    void aFailureStartsTheLeaseAgainFromTheNextAnswer() {
        gate.reached();
        at(20);
        gate.failed();
        assertThat(gate.isOpen()).isFalse();
        at(50);
        gate.reached();
        at(64);
        assertThat(gate.isOpen()).isFalse();
        at(65);
        assertThat(gate.isOpen()).isTrue();
    }
}
