package com.split.tasks.bus;

import com.split.tasks.test.SplitTestRedis;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** The schedule scenarios on a standalone Redis. */
@SpringBootTest(classes = BusTestApplication.class)
@Import(SplitTestRedis.class)
class ScheduleIntegrationTests extends ScheduleScenarios {}
