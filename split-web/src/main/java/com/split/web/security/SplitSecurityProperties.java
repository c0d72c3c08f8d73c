package com.split.web.security;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call a SPLit service ({@code split.security}): users who log in with a password (HTTP Basic or the login
 * form), machine clients with a bearer token, and the claims read from JWTs when an OIDC issuer is configured
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}). Secrets are stored hashed; {@code {noop}} plain text
 * is accepted only in the {@code dev} profile.
 *
 * @param users password users: name, {@code {bcrypt}} hash, roles
 * @param tokens bearer tokens of machine clients: name, {@code {sha256}} hex digest of the token, roles
 * @param jwt how a JWT names its subject and roles
 */
@ConfigurationProperties("split.security")
public record SplitSecurityProperties(
        @DefaultValue List<User> users,
        @DefaultValue List<Token> tokens,
        @DefaultValue Jwt jwt) {

    /**
     * @param name the user name, also the acting user recorded in histories and envelopes
     * @param password {@code {bcrypt}$2a$...} (or {@code {noop}text} in the dev profile)
     * @param roles any of {@code viewer}, {@code operator}, {@code ingest}
     */
    public record User(
            @Nullable String name,
            @Nullable String password,
            @DefaultValue List<String> roles) {}

    /**
     * @param name who the client is, as logs and histories name it
     * @param hash {@code {sha256}} and the token's SHA-256 digest in hex (or {@code {noop}token} in the dev profile)
     * @param roles any of {@code viewer}, {@code operator}, {@code ingest}
     */
    public record Token(
            @Nullable String name,
            @Nullable String hash,
            @DefaultValue List<String> roles) {}

    /**
     * @param rolesClaim the claim listing a JWT's roles (a list or a space-separated string)
     * @param nameClaim the claim naming the acting user
     */
    public record Jwt(
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("sub") String nameClaim) {}
}
