package com.split.portfolio.portfolio;

import com.split.portfolio.config.PortfolioProperties;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Gives {@code split.portfolio.seed.user-id} its default portfolio at startup, once (see {@link PortfolioService#seed}). */
@Component
class DefaultPortfolioSeeder implements ApplicationRunner {

    private final PortfolioService portfolios;
    private final PortfolioProperties.Seed seed;

    DefaultPortfolioSeeder(PortfolioService portfolios, PortfolioProperties properties) {
        this.portfolios = portfolios;
        this.seed = properties.seed();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (seed.enabled()) {
            portfolios.seed(seed);
        }
    }
}
