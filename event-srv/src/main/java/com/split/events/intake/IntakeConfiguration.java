package com.split.events.intake;

import com.split.events.journal.EventsProperties;
import com.split.web.RequestBodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

    /** Every body the API reads, not only posted events: a dead-letter requeue names its tasks in one too. */
    @Bean
    RequestBodyLimit requestBodyLimit(EventsProperties properties) {
        return new RequestBodyLimit(properties.maxRequestSize(), "split.events.max-request-size");
    }
}
