package com.split.portfolio;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** portfolio-mngr: portfolios, refresh runs and recommendations, over REST and a web page. */
@SpringBootApplication
public class PortfolioMngrApplication {

    public static void main(String[] args) {
        SpringApplication.run(PortfolioMngrApplication.class, args);
    }
}
