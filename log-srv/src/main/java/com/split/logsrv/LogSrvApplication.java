package com.split.logsrv;

import com.split.web.security.IngestEndpoints;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** log-srv: stores the log records every service ships to {@code split:logs}, and serves them. */
@SpringBootApplication
public class LogSrvApplication {

    public static void main(String[] args) {
        SpringApplication.run(LogSrvApplication.class, args);
    }

    /** Machine clients POST log records here: the ingest role opens it, not operator. */
    @Bean
    IngestEndpoints ingestEndpoints() {
        return new IngestEndpoints("/api/logs");
    }
}
