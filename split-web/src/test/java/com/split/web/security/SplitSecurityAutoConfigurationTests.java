package com.split.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

class SplitSecurityAutoConfigurationTests {

    private static final String HASH = "{bcrypt}$2a$04$lW/JFaFNM36ePmq9hj.Cee2DDMEfpTOy3IrLjA5cZJF8hFUr3ODHS";

    private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    SplitSecurityAutoConfiguration.class,
                    SecurityAutoConfiguration.class,
                    ServletWebSecurityAutoConfiguration.class,
                    UserDetailsServiceAutoConfiguration.class,
                    OAuth2ResourceServerAutoConfiguration.class,
                    JacksonAutoConfiguration.class,
                    DispatcherServletAutoConfiguration.class,
                    WebMvcAutoConfiguration.class));

    @Test
    void theConfiguredUsersAreTheOnlyOnes() {
        contextRunner
                .withPropertyValues(
                        "split.security.users[0].name=viewer",
                        "split.security.users[0].password=" + HASH,
                        "split.security.users[0].roles=viewer")
                .run(context -> {
                    assertThat(context).hasSingleBean(SecurityFilterChain.class);
                    assertThat(context).hasSingleBean(UserDetailsService.class);
                    assertThat(context.getBean(UserDetailsService.class)
                                    .loadUserByUsername("viewer")
                                    .getAuthorities())
                            .extracting(GrantedAuthority::getAuthority)
                            .containsExactly("ROLE_viewer");
                });
    }

    @Test
    void aPlainTextPasswordStopsTheServiceOutsideTheDevProfile() {
        contextRunner
                .withPropertyValues(
                        "split.security.users[0].name=user_zero",
                        "split.security.users[0].password={noop}secret",
                        "split.security.users[0].roles=viewer")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessage("split.security.users[0].password is {noop} plain text, which only the dev"
                                + " profile accepts: give a hash"));
    }

    @Test
    void aPlainTextPasswordIsAcceptedInTheDevProfile() {
        contextRunner
                .withPropertyValues(
                        "spring.profiles.active=dev",
                        "split.security.users[0].name=user_zero",
                        "split.security.users[0].password={noop}secret",
                        "split.security.users[0].roles=viewer,operator")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SecurityFilterChain.class));
    }

    @Test
    void anUnknownRoleStopsTheService() {
        contextRunner
                .withPropertyValues(
                        "split.security.users[0].name=viewer",
                        "split.security.users[0].password=" + HASH,
                        "split.security.users[0].roles=viewer,admin")
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageStartingWith("split.security.users[0].roles: unknown role 'admin'"));
    }

    @Test
    void aServiceNobodyCouldCallDoesNotStart() {
        contextRunner.run(context -> assertThat(context)
                .getFailure()
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Nobody could call this service: configure split.security.users"));
    }

    @Test
    void aTokenAloneIsEnough() {
        contextRunner
                .withPropertyValues(
                        "split.security.tokens[0].name=shipper",
                        "split.security.tokens[0].hash={sha256}" + "0".repeat(64),
                        "split.security.tokens[0].roles=ingest")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SecurityFilterChain.class));
    }

    @Test
    void anIssuerAloneIsEnoughAndIsNotCalledAtStartUp() {
        contextRunner
                .withPropertyValues("spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:9")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(SecurityFilterChain.class)
                        .hasSingleBean(JwtDecoder.class));
    }

    @Test
    void backsOffWithoutAServletWebApplication() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SplitSecurityAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SecurityFilterChain.class));
    }
}
