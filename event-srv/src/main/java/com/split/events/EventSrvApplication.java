package com.split.events;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** event-srv: journals the lifecycle events of every task on the bus and, later, serves them. */
@SpringBootApplication
public class EventSrvApplication {

    public static void main(String[] args) {
        SpringApplication.run(EventSrvApplication.class, args);
    }
}
