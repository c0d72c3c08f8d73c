package com.split.tasks.test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the server binaries the process-based test servers run. */
final class Executables {

    static final String REDIS =
            "`apt-get install redis-server redis-tools` on Debian/Ubuntu, `brew install redis` on macOS";

    static final String VALKEY = "`apt-get install -t bookworm-backports valkey-server` on Debian 12 (then"
            + " `systemctl disable --now valkey-server` where systemd started it), `brew install valkey` on macOS";

    static final String MARIADB = "`apt-get install mariadb-server` on Debian/Ubuntu, `brew install mariadb` on macOS";

    // Debian installs daemons such as mariadbd in /usr/sbin, which the PATH of a user other than root often lacks.
    private static final List<String> SBIN = List.of("/usr/local/sbin", "/usr/sbin", "/sbin");

    private Executables() {}

    /**
     * The binary from the PATH, else from the sbin directories.
     *
     * @param install how to install it, for the error when it is nowhere
     */
    static Path find(String name, String install) {
        String path = System.getenv().getOrDefault("PATH", "");
        List<String> directories = new ArrayList<>(List.of(path.split(File.pathSeparator)));
        directories.addAll(SBIN);
        for (String entry : directories) {
            if (entry.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(entry, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "%s is neither on the PATH (%s) nor in %s. Install it: %s (`bash .ci/run` installs it on CI)."
                        .formatted(name, path, String.join(", ", SBIN), install));
    }
}
