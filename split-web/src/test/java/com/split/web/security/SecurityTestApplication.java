package com.split.web.security;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service as split-web's security sees one: things to read and change, an ingest endpoint (its
 * {@link IngestEndpoints}), and a page ({@code /things.html}). {@code @SpringBootApplication} without its component
 * scan, which would find split-web's own controllers in this package a second time. No Redis: the security needs none,
 * and without a connection factory the bus's auto-configuration stays off.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = DataRedisAutoConfiguration.class)
@Import({SecurityTestApplication.Things.class, SecurityTestApplication.Ingest.class})
class SecurityTestApplication {

    static final String INGEST_PATH = "/api/ingest";

    @Bean
    IngestEndpoints ingestEndpoints() {
        return new IngestEndpoints(INGEST_PATH);
    }

    @Bean
    Changes changes() {
        return new Changes();
    }

    /** How many requests reached an endpoint that changes something: a refused request must leave it alone. */
    static final class Changes {

        private final AtomicInteger count = new AtomicInteger();

        int count() {
            return count.get();
        }

        void record() {
            count.incrementAndGet();
        }
    }

    record Thing(String name) {}

    @RestController
    static class Things {

        private final Changes changes;

        Things(Changes changes) {
            this.changes = changes;
        }

        @GetMapping("/api/things")
        List<Thing> list() {
            return List.of(new Thing("kettle"));
        }

        @PostMapping("/api/things")
        @ResponseStatus(HttpStatus.CREATED)
        Thing add(@RequestBody Thing thing) {
            changes.record();
            return thing;
        }

        @DeleteMapping("/api/things/{id}")
        @ResponseStatus(HttpStatus.NO_CONTENT)
        void remove(@PathVariable long id) {
            changes.record();
        }
    }

    @RestController
    static class Ingest {

        private final Changes changes;

        Ingest(Changes changes) {
            this.changes = changes;
        }

        @PostMapping(INGEST_PATH)
        @ResponseStatus(HttpStatus.ACCEPTED)
        void ingest(@RequestBody List<Thing> things) {
            changes.record();
        }
    }
}
