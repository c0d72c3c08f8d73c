package com.split.web.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * {@link SecurityTestApplication} on a random port, with the services' test users ({@code split-security-test.properties})
 * and their probes. The test classes that add nothing to it share one server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        classes = SecurityTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.import=classpath:split-security-test.properties",
            "spring.mvc.problemdetails.enabled=true",
            "management.endpoint.health.probes.enabled=true",
            "management.endpoint.health.probes.add-additional-paths=true",
            "spring.web.resources.static-locations=classpath:/static/,classpath:/split-web-security-test/"
        })
@Import(TestHttp.class)
@interface SecurityTestServer {}
