package com.split.tasks.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.split.tasks.TaskEnvelope;
import com.split.tasks.bus.schedule.MissedRuns;
import com.split.tasks.bus.schedule.Schedule;
import com.split.tasks.bus.schedule.Schedules;
import com.split.tasks.codec.TaskCodec;
import com.split.tasks.test.SplitTestRedis;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** A schedule in the configuration, put into Redis and run by the scheduler the auto-configuration builds. */
@SpringBootTest(
        classes = BusTestApplication.class,
        properties = {
            "split.bus.scheduler.enabled=true",
            "split.bus.schedules.every-second.every=1s",
            "split.bus.schedules.every-second.missed=skip",
            "split.bus.schedules.every-second.task.type=scheduled_task",
            "split.bus.schedules.every-second.task.queue=test_scheduled",
            "split.bus.schedules.every-second.task.target-module=tests",
            "split.bus.schedules.every-second.task.payload={\"depth\": 3}",
            "split.bus.schedules.every-second.task.timeout=5s"
        })
@Import(SplitTestRedis.class)
class ConfiguredScheduleIntegrationTests {

    @Autowired
    Schedules schedules;

    @Autowired
    BusRedis redis;

    @Autowired
    RedisKeys keys;

    @Autowired
    TaskCodec codec;

    @Test
    void aConfiguredScheduleIsPutAndRun() {
        Schedule schedule = await().until(() -> schedules.get("every-second"), found -> found.isPresent())
                .orElseThrow();
        assertThat(schedule.owner()).isEqualTo("config:bus-tests");
        assertThat(schedule.missed()).isEqualTo(MissedRuns.SKIP);
        assertThat(schedule.task().timeoutMs()).isEqualTo(5_000);

        TaskEnvelope published = await().atMost(Duration.ofSeconds(5))
                .until(
                        () -> new BusEvents(redis, keys, codec).ready(ScheduleScenarios.SCHEDULED),
                        ready -> !ready.isEmpty())
                .getFirst();
        assertThat(published.sessionId()).isEqualTo("schedule.every-second");
        assertThat(published.payload().get("depth").asInt()).isEqualTo(3);
        assertThat(published.initiator().module()).isEqualTo("bus-tests");
    }
}
