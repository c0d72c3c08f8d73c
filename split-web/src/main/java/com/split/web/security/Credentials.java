package com.split.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The users and tokens of {@link SplitSecurityProperties}, checked once at start-up so that a wrong entry stops the
 * service with the property it is in, rather than locking a user out at the first request.
 */
final class Credentials {

    /** As user ids travel in envelopes, log records and history rows. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final String NOOP = "{noop}";
    private static final String BCRYPT_ID = "{bcrypt}";
    private static final String SHA256_ID = "{sha256}";

    private final List<UserDetails> users;
    private final List<MachineToken> tokens;

    /** A bearer token's SHA-256 digest and whom it stands for. */
    record MachineToken(String name, byte[] digest, Set<SplitRole> roles) {}

    Credentials(SplitSecurityProperties properties, boolean devProfile) {
        Set<String> names = new HashSet<>();
        List<UserDetails> checkedUsers = new ArrayList<>();
        for (int i = 0; i < properties.users().size(); i++) {
            SplitSecurityProperties.User user = properties.users().get(i);
            String property = "split.security.users[" + i + "]";
            String name = name(property, user.name(), names);
            checkedUsers.add(User.withUsername(name)
                    .password(password(property + ".password", user.password(), devProfile))
                    .authorities(roles(property + ".roles", user.roles()).stream()
                            .map(SplitRole::authority)
                            .toList())
                    .build());
        }
        List<MachineToken> checkedTokens = new ArrayList<>();
        for (int i = 0; i < properties.tokens().size(); i++) {
            SplitSecurityProperties.Token token = properties.tokens().get(i);
            String property = "split.security.tokens[" + i + "]";
            checkedTokens.add(new MachineToken(
                    name(property, token.name(), names),
                    digest(property + ".hash", token.hash(), devProfile),
                    roles(property + ".roles", token.roles())));
        }
        this.users = List.copyOf(checkedUsers);
        this.tokens = List.copyOf(checkedTokens);
    }

    List<UserDetails> users() {
        return users;
    }

    List<MachineToken> tokens() {
        return tokens;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String name(String property, @Nullable String name, Set<String> names) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw invalid(property + ".name", "must be 1 to 64 letters, digits or _ . @ -, was '%s'".formatted(name));
        }
        if (!names.add(name)) {
            throw invalid(
                    property + ".name", "'%s' is configured twice (users and tokens share names)".formatted(name));
        }
        return name;
    }

    private static String password(String property, @Nullable String password, boolean devProfile) {
        if (password == null || password.isBlank()) {
            throw invalid(property, "is missing: set it in the environment (a {bcrypt} hash)");
        }
        if (password.startsWith(NOOP)) {
            requireDev(property, devProfile);
            return password;
        }
        String hash = password.startsWith(BCRYPT_ID) ? password.substring(BCRYPT_ID.length()) : password;
        if (!BCRYPT.matcher(hash).matches()) {
            throw invalid(
                    property,
                    "must be a BCrypt hash, {bcrypt}$2a$10$... (for example from `htpasswd -nbBC 10 '' secret`),"
                            + " or {noop}text in the dev profile");
        }
        return BCRYPT_ID + hash;
    }

    private static byte[] digest(String property, @Nullable String hash, boolean devProfile) {
        if (hash == null || hash.isBlank()) {
            throw invalid(property, "is missing: set it in the environment ({sha256} and the token's digest in hex)");
        }
        if (hash.startsWith(NOOP)) {
            requireDev(property, devProfile);
            return sha256(hash.substring(NOOP.length()));
        }
        String hex = hash.startsWith(SHA256_ID) ? hash.substring(SHA256_ID.length()) : "";
        if (!SHA256_HEX.matcher(hex).matches()) {
            throw invalid(
                    property,
                    "must be {sha256} and the token's SHA-256 digest in hex (for example from"
                            + " `printf %s \"$token\" | sha256sum`), or {noop}token in the dev profile");
        }
        return HexFormat.of().parseHex(hex);
    }

    private static Set<SplitRole> roles(String property, List<String> roles) {
        if (roles.isEmpty()) {
            throw invalid(property, "names no role: give one or more of viewer, operator, ingest");
        }
        Set<SplitRole> parsed = new HashSet<>();
        for (String role : roles) {
            parsed.add(SplitRole.parse(property, role));
        }
        return parsed;
    }

    private static void requireDev(String property, boolean devProfile) {
        if (!devProfile) {
            throw invalid(property, "is {noop} plain text, which only the dev profile accepts: give a hash");
        }
    }

    private static IllegalArgumentException invalid(String property, String problem) {
        return new IllegalArgumentException(property + " " + problem);
    }
}
