package com.split.tasks.test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** One {@link SplitTestEnvironment} per context, and the bus key prefix taken from it. */
@TestConfiguration(proxyBeanMethods = false)
class SplitTestEnvironmentConfiguration {

    @Bean
    SplitTestEnvironment splitTestEnvironment() {
        return SplitTestEnvironment.random();
    }

    @Bean
    DynamicPropertyRegistrar splitTestKeyPrefix(SplitTestEnvironment environment) {
        return registry -> registry.add("split.bus.key-prefix", environment::keyPrefix);
    }
}
