package com.split.web.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call a SPLit service, the same in every service that serves HTTP: users from {@code split.security.users}
 * with HTTP Basic or the login form (a session cookie, with CSRF protection), machine clients with a bearer token from
 * {@code split.security.tokens} or a JWT of the configured OIDC issuer; each request needs the role
 * {@link AccessRules} names. Open: health, and what the login form needs. The management port (metrics, Prometheus)
 * is open too: it is not published, only the internal network reaches it.
 */
@AutoConfiguration(
        before = {
            ServletWebSecurityAutoConfiguration.class,
            ManagementWebSecurityAutoConfiguration.class,
            UserDetailsServiceAutoConfiguration.class,
            OAuth2ResourceServerAutoConfiguration.class
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(SplitSecurityProperties.class)
public final class SplitSecurityAutoConfiguration {

    static final String LOGIN_PAGE = "/login";
    /** Nothing from elsewhere, no inline script or style; data: images for Swagger UI's icons. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none';"
            + " base-uri 'self'; form-action 'self'; object-src 'none'";

    private static final String[] OPEN_PATHS = {
        "/livez", "/readyz", "/actuator/health", "/actuator/health/**", LOGIN_PAGE, "/split-web/**", "/error"
    };

    @Bean
    Credentials splitCredentials(SplitSecurityProperties properties, Environment environment) {
        return new Credentials(properties, environment.acceptsProfiles(Profiles.of("dev")));
    }

    @Bean
    UserDetailsService splitUsers(Credentials credentials) {
        // not the manager itself: as a UserDetailsPasswordService it would have every hash below BCrypt's default cost
        // re-hashed at 10 on first login, undoing the cost the configuration chose (4 in the tests: cheap requests)
        return new InMemoryUserDetailsManager(credentials.users())::loadUserByUsername;
    }

    @Bean
    PasswordEncoder splitPasswordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The session and CSRF cookies stay home when another site links or posts here: a second line behind CSRF. */
    @Bean
    CookieSameSiteSupplier splitSameSiteCookies() {
        return CookieSameSiteSupplier.ofLax();
    }

    @Bean
    ManagementPort splitManagementPort() {
        return new ManagementPort();
    }

    @Bean
    LoginPage splitLoginPage() {
        return new LoginPage();
    }

    @Bean
    CallerController splitCallerController() {
        return new CallerController();
    }

    @Bean
    SecurityFilterChain splitSecurityFilterChain(
            HttpSecurity http,
            Credentials credentials,
            SplitSecurityProperties properties,
            ObjectProvider<JwtDecoder> jwtDecoder,
            ObjectProvider<IngestEndpoints> ingestEndpoints,
            ManagementPort managementPort,
            JsonMapper mapper) {
        JwtDecoder jwts = jwtDecoder.getIfAvailable();
        if (credentials.users().isEmpty() && credentials.tokens().isEmpty() && jwts == null) {
            throw new IllegalStateException("Nobody could call this service: configure split.security.users (or"
                    + " split.security.tokens, or spring.security.oauth2.resourceserver.jwt.issuer-uri)");
        }
        AccessRules rules = new AccessRules(ingestEndpoints.stream()
                .flatMap(endpoints -> endpoints.postPaths().stream())
                .toList());
        ProblemResponses problems = new ProblemResponses(mapper, rules);
        AuthenticationManager bearer =
                new BearerTokenAuthentication(credentials.tokens(), jwtAuthentication(jwts, properties.jwt()));
        RequestMatcher pageNavigation = request -> "GET".equals(request.getMethod())
                && request.getHeader(ProblemResponses.PAGE_CALL_HEADER) == null
                && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && acceptsHtml(request);
        return http.authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(managementPort::serves)
                        .permitAll()
                        .requestMatchers(OPEN_PATHS)
                        .permitAll()
                        .requestMatchers(CallerController.PATH)
                        .authenticated()
                        .anyRequest()
                        .access(rules))
                .httpBasic(basic -> basic.realmName(ProblemResponses.REALM).authenticationEntryPoint(problems))
                .oauth2ResourceServer(bearerTokens -> bearerTokens
                        .authenticationManagerResolver(request -> bearer)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <F extends BearerTokenAuthenticationFilter> F postProcess(F filter) {
                                filter.setAuthenticationFailureHandler(problems);
                                return filter;
                            }
                        }))
                .formLogin(form ->
                        form.loginPage(LOGIN_PAGE).defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl(LOGIN_PAGE + "?logout"))
                // the token as the cookie holds it, in the X-XSRF-TOKEN header or the forms' _csrf field: the pages are
                // static and never write it into a response body, so BREACH's masking has nothing to protect
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(new CsrfPolicy()))
                .addFilterAfter(new CsrfPolicy.IssueTokenFilter(pageNavigation), CsrfFilter.class)
                // only a page is worth returning to after the login form; an API call keeps no session
                .requestCache(cache -> cache.requestCache(pageRequests(pageNavigation)))
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE), pageNavigation)
                        .defaultAuthenticationEntryPointFor(problems, request -> true)
                        .accessDeniedHandler(problems))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    private static @Nullable AuthenticationManager jwtAuthentication(
            @Nullable JwtDecoder decoder, SplitSecurityProperties.Jwt claims) {
        if (decoder == null) {
            return null;
        }
        JwtGrantedAuthoritiesConverter claimed = new JwtGrantedAuthoritiesConverter();
        claimed.setAuthoritiesClaimName(claims.rolesClaim());
        claimed.setAuthorityPrefix("");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        // roles match as configured ones do, whatever their case
        converter.setJwtGrantedAuthoritiesConverter(jwt -> claimed.convert(jwt).stream()
                .<GrantedAuthority>map(role ->
                        new SimpleGrantedAuthority("ROLE_" + role.getAuthority().toLowerCase(Locale.ROOT)))
                .toList());
        converter.setPrincipalClaimName(claims.nameClaim());
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(converter);
        return new ProviderManager(List.of(provider));
    }

    private static RequestCache pageRequests(RequestMatcher pageNavigation) {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(pageNavigation);
        return cache;
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }

    /** The port of the management server, when it has its own, learnt when it starts. */
    static final class ManagementPort implements ApplicationListener<WebServerInitializedEvent> {

        private volatile int port = -1;

        @Override
        public void onApplicationEvent(WebServerInitializedEvent event) {
            if ("management".equals(event.getApplicationContext().getServerNamespace())) {
                port = event.getWebServer().getPort();
            }
        }

        boolean serves(HttpServletRequest request) {
            return request.getLocalPort() == port;
        }
    }
}
