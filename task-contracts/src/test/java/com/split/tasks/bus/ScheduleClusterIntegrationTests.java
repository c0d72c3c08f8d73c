package com.split.tasks.bus;

import com.split.tasks.test.SplitTestRedisCluster;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** The schedule scenarios on a three-master Redis Cluster: the definitions' hash and each queue's slot apart. */
@SpringBootTest(classes = BusTestApplication.class)
@Import(SplitTestRedisCluster.class)
class ScheduleClusterIntegrationTests extends ScheduleScenarios {}
