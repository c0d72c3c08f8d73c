package com.split.tasks.test;

import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Decides where the test servers come from: Testcontainers when a Docker engine answers, else the servers running on
 * this machine. {@code SPLIT_TEST_SERVERS} ({@code auto}, {@code docker} or {@code local}; an environment variable or
 * a system property) overrides the choice.
 */
final class TestServers {

    static final String MODE = "SPLIT_TEST_SERVERS";

    static final String START_HINT =
            "Start the test servers with `bin/test-servers up` (what `bash .ci/run` does before the build),"
                    + " or by hand: `redis-server --daemonize yes --save ''` and `service mariadb start`.";

    enum Server {
        REDIS("com.redis.testcontainers.RedisContainer"),
        MYSQL("org.testcontainers.mysql.MySQLContainer");

        private final String containerClass;

        Server(String containerClass) {
            this.containerClass = containerClass;
        }
    }

    private static final String[] TESTCONTAINERS_CLASSES = {
        "org.testcontainers.DockerClientFactory",
        "org.springframework.boot.testcontainers.service.connection.ServiceConnection"
    };

    private static volatile @Nullable Boolean dockerAvailable;

    private TestServers() {}

    static boolean useDocker(Environment environment, Server server, @Nullable ClassLoader classLoader) {
        String mode = environment.getProperty(MODE, "auto").trim().toLowerCase(Locale.ROOT);
        boolean classesPresent = ClassUtils.isPresent(server.containerClass, classLoader)
                && Arrays.stream(TESTCONTAINERS_CLASSES).allMatch(name -> ClassUtils.isPresent(name, classLoader));
        return switch (mode) {
            case "local" -> false;
            case "auto" -> classesPresent && dockerAvailable();
            case "docker" -> {
                if (!classesPresent) {
                    throw new IllegalStateException("%s=docker, but %s or Testcontainers is not on the test classpath"
                            .formatted(MODE, server.containerClass));
                }
                if (!dockerAvailable()) {
                    throw new IllegalStateException("%s=docker, but no Docker engine answers".formatted(MODE));
                }
                yield true;
            }
            default ->
                throw new IllegalStateException("%s must be auto, docker or local, not '%s'".formatted(MODE, mode));
        };
    }

    // Asked once per JVM: the probe walks every Docker discovery strategy and can take seconds when none works.
    private static boolean dockerAvailable() {
        Boolean available = dockerAvailable;
        if (available == null) {
            synchronized (TestServers.class) {
                available = dockerAvailable;
                if (available == null) {
                    available = DockerProbe.dockerAvailable();
                    dockerAvailable = available;
                }
            }
        }
        return available;
    }

    /** Kept apart so that Testcontainers is loaded only after its presence was checked. */
    private static final class DockerProbe {

        static boolean dockerAvailable() {
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError ex) {
                return false;
            }
        }
    }

    private abstract static class ServerCondition implements Condition {

        private final Server server;

        private final boolean docker;

        ServerCondition(Server server, boolean docker) {
            this.server = server;
            this.docker = docker;
        }

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return useDocker(context.getEnvironment(), server, context.getClassLoader()) == docker;
        }
    }

    static final class DockerRedis extends ServerCondition {
        DockerRedis() {
            super(Server.REDIS, true);
        }
    }

    static final class LocalRedis extends ServerCondition {
        LocalRedis() {
            super(Server.REDIS, false);
        }
    }

    static final class DockerMysql extends ServerCondition {
        DockerMysql() {
            super(Server.MYSQL, true);
        }
    }

    static final class LocalMysql extends ServerCondition {
        LocalMysql() {
            super(Server.MYSQL, false);
        }
    }
}
