package com.split.logsrv.api;

import com.split.logsrv.store.LogStoreProperties;
import com.split.web.RequestBodyLimit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean
    RequestBodyLimit requestBodyLimit(LogStoreProperties properties) {
        return new RequestBodyLimit(properties.maxRequestSize(), "split.logsrv.max-request-size");
    }
}
