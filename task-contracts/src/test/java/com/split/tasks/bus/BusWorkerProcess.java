package com.split.tasks.bus;

import org.springframework.boot.SpringApplication;

/** A worker in a JVM of its own, for tests that kill it: the bus test service, configured by its arguments. */
public final class BusWorkerProcess {

    private BusWorkerProcess() {}

    public static void main(String[] args) {
        SpringApplication.run(BusTestApplication.class, args);
    }
}
