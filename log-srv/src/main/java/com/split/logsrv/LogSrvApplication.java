package com.split.logsrv;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** log-srv: stores the log records every service ships to {@code split:logs}, and serves them. */
@SpringBootApplication
public class LogSrvApplication {

    public static void main(String[] args) {
        SpringApplication.run(LogSrvApplication.class, args);
    }
}
