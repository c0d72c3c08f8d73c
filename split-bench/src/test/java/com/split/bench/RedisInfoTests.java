package com.split.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisInfoTests {

    private static final String BEFORE = """
            # CPU\r
            used_cpu_sys:1.500000\r
            used_cpu_user:2.250000\r
            used_cpu_sys_children:9.000000\r
            # Commandstats\r
            cmdstat_evalsha:calls=10,usec=200,usec_per_call=20.00,rejected_calls=0,failed_calls=0\r
            cmdstat_xadd:calls=40,usec=80,usec_per_call=2.00,rejected_calls=0,failed_calls=0\r
            # Stats\r
            total_net_input_bytes:1000\r
            total_net_output_bytes:500\r
            """;

    private static final String AFTER = """
            used_cpu_sys:1.750000
            used_cpu_user:2.500000
            cmdstat_evalsha:calls=30,usec=700,usec_per_call=23.33,rejected_calls=0,failed_calls=0
            cmdstat_xadd:calls=40,usec=80,usec_per_call=2.00,rejected_calls=0,failed_calls=0
            cmdstat_lpush:calls=5,usec=30,usec_per_call=6.00,rejected_calls=0,failed_calls=0
            total_net_input_bytes:3000
            total_net_output_bytes:900
            """;

    @Test
    void addsUserAndSystemCpuOfTheServerNotItsChildren() {
        assertThat(RedisInfo.parse(BEFORE).cpuS()).isEqualTo(3.75);
    }

    @Test
    void readsCallsAndMicrosecondsPerCommand() {
        RedisInfo info = RedisInfo.parse(BEFORE);

        assertThat(info.commands()).containsEntry("evalsha", new RedisInfo.CommandStat(10, 200));
        assertThat(info.totalCalls()).isEqualTo(50);
        assertThat(info.netInBytes()).isEqualTo(1000);
    }

    @Test
    void subtractsIntoWhatHappenedInBetween() {
        RedisInfo delta = RedisInfo.parse(AFTER).minus(RedisInfo.parse(BEFORE));

        assertThat(delta.cpuS()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(delta.commands())
                .containsOnlyKeys("evalsha", "lpush") // xadd did not run in between
                .containsEntry("evalsha", new RedisInfo.CommandStat(20, 500))
                .containsEntry("lpush", new RedisInfo.CommandStat(5, 30));
        assertThat(delta.byCalls()).extracting(e -> e.getKey()).containsExactly("evalsha", "lpush");
        assertThat(delta.netInBytes() + delta.netOutBytes()).isEqualTo(2400);
    }

    @Test
    void costDividesEverythingByTheTasks() {
        RedisInfo delta = RedisInfo.parse(AFTER).minus(RedisInfo.parse(BEFORE));

        Cost cost = Cost.of(10, 0.001, 0.002, delta, 2.0, 1.0);

        assertThat(cost.producerUs()).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(cost.workerUs()).isCloseTo(200, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(cost.redisUs()).isCloseTo(50_000, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(cost.redisCallsPerTask()).isEqualTo(2.5);
        assertThat(cost.commands().get("evalsha")).isEqualTo(new Cost.PerTask(2.0, 50.0));
        assertThat(cost.machineBusyCores()).isEqualTo(0.5);
    }
}
