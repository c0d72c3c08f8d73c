package com.split.web.security;

import java.security.MessageDigest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * A bearer token is either a machine client's configured token, looked up by its SHA-256 digest (cheap enough for
 * every request, unlike a password hash), or a JWT from the configured OIDC issuer.
 */
final class BearerTokenAuthentication implements AuthenticationManager {

    private final List<Credentials.MachineToken> tokens;
    private final @Nullable AuthenticationManager jwts;

    BearerTokenAuthentication(List<Credentials.MachineToken> tokens, @Nullable AuthenticationManager jwts) {
        this.tokens = tokens;
        this.jwts = jwts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        byte[] digest = Credentials.sha256(token);
        Credentials.MachineToken match = null;
        for (Credentials.MachineToken candidate : tokens) {
            // every digest is compared, in constant time, so that timing tells nothing about which came close
            if (MessageDigest.isEqual(candidate.digest(), digest)) {
                match = candidate;
            }
        }
        if (match != null) {
            return UsernamePasswordAuthenticationToken.authenticated(
                    match.name(),
                    null,
                    match.roles().stream().map(SplitRole::authority).toList());
        }
        if (jwts != null && token.chars().filter(c -> c == '.').count() == 2) {
            try {
                return jwts.authenticate(authentication);
            } catch (AuthenticationException refused) {
                throw refused;
            } catch (RuntimeException issuerAway) {
                // the issuer's discovery document or keys could not be fetched: a 503, not the token's fault
                throw new AuthenticationServiceException(
                        "The JWT issuer cannot be reached: " + issuerAway.getMessage(), issuerAway);
            }
        }
        throw new InvalidBearerTokenException(
                jwts == null
                        ? "The bearer token is not a configured token"
                        : "The bearer token is neither a" + " configured token nor a JWT");
    }
}
