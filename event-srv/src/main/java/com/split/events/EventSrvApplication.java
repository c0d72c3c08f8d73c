package com.split.events;

import com.split.web.security.IngestEndpoints;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** event-srv: journals the lifecycle events of every task on the bus and, later, serves them. */
@SpringBootApplication
public class EventSrvApplication {

    public static void main(String[] args) {
        SpringApplication.run(EventSrvApplication.class, args);
    }

    /** Machine clients POST events here: the ingest role opens it, not operator. */
    @Bean
    IngestEndpoints ingestEndpoints() {
        return new IngestEndpoints("/api/events");
    }
}
