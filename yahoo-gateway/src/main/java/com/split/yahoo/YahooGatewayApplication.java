package com.split.yahoo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** yahoo-gateway: runs {@code fetch_prices} and {@code fetch_fundamentals} from {@code yahoo_tasks} into split_stocks. */
@SpringBootApplication
public class YahooGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(YahooGatewayApplication.class, args);
    }
}
