package com.split.initfilter.filtration;

import com.split.initfilter.screening.FilterProperties;
import com.split.initfilter.screening.Screener;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FilterProperties.class)
class FiltrationConfiguration {

    @Bean
    Screener screener(FilterProperties properties) {
        return new Screener(properties);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
