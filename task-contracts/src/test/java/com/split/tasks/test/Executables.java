package com.split.tasks.test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Redis binaries the process-based test servers run. */
final class Executables {

    private Executables() {}

    static Path find(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(entry, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "%s is not on the PATH (%s). Install it: `apt-get install redis-server redis-tools` on Debian/Ubuntu, `brew install redis` on macOS (`bash .ci/run` installs it on CI)."
                        .formatted(name, path));
    }
}
