package com.split.tasks.bus;

import com.split.tasks.test.SplitTestRedisCluster;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The bus scenarios on a three-master Redis Cluster started on loopback ports: every script must touch the keys of
 * one {@code {Q}} slot only, or Redis refuses it with CROSSSLOT.
 */
@SpringBootTest(classes = BusTestApplication.class)
@Import(SplitTestRedisCluster.class)
class BusClusterIntegrationTests extends BusScenarios {}
