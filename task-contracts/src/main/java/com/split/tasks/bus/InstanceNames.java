package com.split.tasks.bus;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Names for one running process on the bus: worker ids, stream consumer names. */
public final class InstanceNames {

    private InstanceNames() {}

    /** {@code <application>-<host>-<random>}: unique per process, and readable where Redis lists it. */
    public static String unique(String application) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return application + "-" + host + "-" + HexFormat.of().formatHex(random);
    }
}
