package com.split.web.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OIDC issuer on a local port, for the tests: its discovery document and the JWKS of an RSA key made for the run,
 * with which it signs the JWTs the tests hand out.
 */
final class TestIssuer implements AutoCloseable {

    static final String KEY_ID = "split-test";

    private final HttpServer server;
    private final String uri;
    private final RSAKey key;

    private TestIssuer(HttpServer server, RSAKey key) {
        this.server = server;
        this.uri = "http://127.0.0.1:" + server.getAddress().getPort();
        this.key = key;
    }

    static TestIssuer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TestIssuer issuer = new TestIssuer(server, newKey());
            String metadata = JsonMapper.builder()
                    .build()
                    .writeValueAsString(Map.of("issuer", issuer.uri, "jwks_uri", issuer.uri + "/jwks"));
            String jwks = new JWKSet(issuer.key.toPublicJWK()).toString();
            server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, metadata));
            server.createContext("/jwks", exchange -> answer(exchange, jwks));
            server.start();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A key of the same id as the issuer's, which the issuer never published. */
    static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String uri() {
        return uri;
    }

    /** Claims of a token this issuer hands {@code subject} now, valid for five minutes. */
    JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(uri)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    String sign(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    static String sign(JWTClaimsSet claims, RSAKey key) {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
