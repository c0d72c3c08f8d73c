package com.split.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class CredentialsTests {

    private static final String HASH = new BCryptPasswordEncoder(4).encode("secret");
    private static final String TOKEN_DIGEST = HexFormat.of().formatHex(Credentials.sha256("a-token"));

    @Test
    void acceptsABCryptHashWithOrWithoutItsPrefix() {
        Credentials credentials = new Credentials(
                users(
                        new SplitSecurityProperties.User("alice", "{bcrypt}" + HASH, List.of("viewer")),
                        new SplitSecurityProperties.User("bob", HASH, List.of("Operator", " ingest "))),
                false);

        assertThat(credentials.users())
                .satisfiesExactly(
                        alice -> {
                            assertThat(alice.getUsername()).isEqualTo("alice");
                            assertThat(alice.getPassword()).isEqualTo("{bcrypt}" + HASH);
                            assertThat(alice.getAuthorities())
                                    .extracting(GrantedAuthority::getAuthority)
                                    .containsExactly("ROLE_viewer");
                        },
                        bob -> {
                            assertThat(bob.getPassword()).isEqualTo("{bcrypt}" + HASH);
                            assertThat(bob.getAuthorities())
                                    .extracting(GrantedAuthority::getAuthority)
                                    .containsExactlyInAnyOrder("ROLE_operator", "ROLE_ingest");
                        });
    }

    @Test
    void refusesAPlainTextPasswordOutsideTheDevProfile() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Credentials(
                        users(
                                new SplitSecurityProperties.User("alice", HASH, List.of("viewer")),
                                new SplitSecurityProperties.User("bob", "{noop}secret", List.of("viewer"))),
                        false))
                .withMessage("split.security.users[1].password is {noop} plain text, which only the dev profile"
                        + " accepts: give a hash");
    }

    @Test
    void acceptsAPlainTextPasswordInTheDevProfile() {
        Credentials credentials = new Credentials(
                users(new SplitSecurityProperties.User("user_zero", "{noop}secret", List.of("viewer"))), true);

        assertThat(credentials.users())
                .singleElement()
                .satisfies(user -> assertThat(user.getPassword()).isEqualTo("{noop}secret"));
    }

    @Test
    void refusesAPasswordThatIsNoBCryptHash() {
        for (String password : List.of("secret", "{sha256}" + TOKEN_DIGEST, "{bcrypt}secret", HASH.substring(1))) {
            assertThatIllegalArgumentException()
                    .as(password)
                    .isThrownBy(() -> new Credentials(
                            users(new SplitSecurityProperties.User("alice", password, List.of("viewer"))), true))
                    .withMessageStartingWith("split.security.users[0].password must be a BCrypt hash");
        }
    }

    @Test
    void refusesAMissingPassword() {
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        new Credentials(users(new SplitSecurityProperties.User("alice", " ", List.of("viewer"))), true))
                .withMessageStartingWith("split.security.users[0].password is missing");
    }

    @Test
    void refusesAnUnknownRoleNamingTheRoles() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Credentials(
                        users(new SplitSecurityProperties.User("alice", HASH, List.of("viewer", "admin"))), false))
                .withMessage("split.security.users[0].roles: unknown role 'admin', the roles are viewer, operator,"
                        + " ingest");
    }

    @Test
    void refusesAUserWithoutARole() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> new Credentials(users(new SplitSecurityProperties.User("alice", HASH, List.of())), false))
                .withMessageStartingWith("split.security.users[0].roles names no role");
    }

    @Test
    void refusesANameConfiguredTwice() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Credentials(
                        users(
                                new SplitSecurityProperties.User("alice", HASH, List.of("viewer")),
                                new SplitSecurityProperties.User("alice", HASH, List.of("operator"))),
                        false))
                .withMessage(
                        "split.security.users[1].name 'alice' is configured twice (users and tokens share" + " names)");
    }

    @Test
    void refusesATokenNamedLikeAUser() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Credentials(
                        new SplitSecurityProperties(
                                List.of(new SplitSecurityProperties.User("alice", HASH, List.of("viewer"))),
                                List.of(new SplitSecurityProperties.Token(
                                        "alice", "{sha256}" + TOKEN_DIGEST, List.of("ingest"))),
                                jwt()),
                        false))
                .withMessageStartingWith("split.security.tokens[0].name 'alice' is configured twice");
    }

    @Test
    void refusesANameThatCannotTravelInEnvelopes() {
        for (String name : List.of("", "a b", "x".repeat(65), "<script>")) {
            assertThatIllegalArgumentException()
                    .as(name)
                    .isThrownBy(() -> new Credentials(
                            users(new SplitSecurityProperties.User(name, HASH, List.of("viewer"))), true))
                    .withMessageStartingWith("split.security.users[0].name must be 1 to 64 letters");
        }
    }

    @Test
    void keepsATokenAsItsDigest() {
        Credentials credentials = new Credentials(tokens("{sha256}" + TOKEN_DIGEST.toUpperCase()), false);

        assertThat(credentials.tokens()).singleElement().satisfies(token -> {
            assertThat(token.name()).isEqualTo("shipper");
            assertThat(token.digest()).isEqualTo(Credentials.sha256("a-token"));
            assertThat(token.roles()).containsExactly(SplitRole.INGEST);
        });
    }

    @Test
    void refusesAPlainTextTokenOutsideTheDevProfile() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Credentials(tokens("{noop}a-token"), false))
                .withMessageStartingWith("split.security.tokens[0].hash is {noop} plain text");

        assertThat(new Credentials(tokens("{noop}a-token"), true).tokens())
                .singleElement()
                .satisfies(token -> assertThat(token.digest()).isEqualTo(Credentials.sha256("a-token")));
    }

    @Test
    void refusesATokenHashThatIsNoSha256Digest() {
        for (String hash : List.of(TOKEN_DIGEST, "{sha256}" + TOKEN_DIGEST.substring(2), "{sha256}a-token", HASH)) {
            assertThatIllegalArgumentException()
                    .as(hash)
                    .isThrownBy(() -> new Credentials(tokens(hash), true))
                    .withMessageStartingWith("split.security.tokens[0].hash must be {sha256}");
        }
    }

    private static SplitSecurityProperties users(SplitSecurityProperties.User... users) {
        return new SplitSecurityProperties(List.of(users), List.of(), jwt());
    }

    private static SplitSecurityProperties tokens(String hash) {
        return new SplitSecurityProperties(
                List.of(), List.of(new SplitSecurityProperties.Token("shipper", hash, List.of("ingest"))), jwt());
    }

    private static SplitSecurityProperties.Jwt jwt() {
        return new SplitSecurityProperties.Jwt("roles", "sub");
    }
}
