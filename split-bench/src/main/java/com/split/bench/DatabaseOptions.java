package com.split.bench;

import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The MySQL/MariaDB server a command works on, in a throwaway schema: the test server's by default. The service
 * benchmarks have always named these {@code --url}, {@code --user} and {@code --password}, journal and logs
 * {@code --jdbc-url}, {@code --db-user} and {@code --db-password}: each takes either name.
 */
final class DatabaseOptions {

    @Option(
            names = {"--url", "--jdbc-url"},
            paramLabel = "JDBC_URL",
            defaultValue = "jdbc:mysql://127.0.0.1:3306/",
            converter = ServerUrl.class,
            description = "the server, without a schema")
    private String url;

    @Option(
            names = {"--user", "--db-user"},
            paramLabel = "USER",
            defaultValue = "split_test")
    private String user;

    @Option(
            names = {"--password", "--db-password"},
            paramLabel = "PASSWORD",
            defaultValue = "split_test")
    private String password;

    @Option(names = "--keep-schema", arity = "0..1", description = "keep the throwaway schema afterwards, for a look")
    private boolean keepSchema;

    /** Creates a schema named {@code prefix} and a random suffix, which closing drops unless --keep-schema. */
    ThrowawaySchema throwaway(String prefix) {
        return ThrowawaySchema.create(url, user, password, prefix, keepSchema);
    }

    /** A JDBC URL that names a server and no schema, as a schema's name is appended to it. */
    static final class ServerUrl implements ITypeConverter<String> {

        private static final Pattern SERVER = Pattern.compile("jdbc:(mysql|mariadb)://[^/?]+/");

        @Override
        public String convert(String value) {
            if (!SERVER.matcher(value).matches()) {
                throw new TypeConversionException(
                        "name the server, not a schema: jdbc:mysql://host:port/, was " + value);
            }
            return value;
        }
    }
}
