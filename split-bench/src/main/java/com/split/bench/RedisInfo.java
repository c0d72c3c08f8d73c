package com.split.bench;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Redis says about its own cost: CPU seconds ({@code INFO cpu}), command calls and time per command ({@code INFO
 * commandstats}, where commands a Lua script runs are counted under their own names too) and network bytes.
 * Snapshots taken by different processes on one server subtract into the cost of what happened between them.
 *
 * @param cpuS used_cpu_user + used_cpu_sys of the whole server
 * @param commands calls and microseconds by command name, such as {@code evalsha} or {@code xadd}
 */
record RedisInfo(double cpuS, Map<String, CommandStat> commands, long netInBytes, long netOutBytes) {

    record CommandStat(long calls, long usec) {}

    RedisInfo {
        commands = Map.copyOf(commands);
    }

    static RedisInfo take(RedisCommands<String, String> redis) {
        return parse(redis.info("cpu") + "\n" + redis.info("commandstats") + "\n" + redis.info("stats"));
    }

    /** Reads {@code INFO} text: {@code name:value} lines, commandstats as {@code cmdstat_x:calls=1,usec=2,…}. */
    static RedisInfo parse(String info) {
        double cpu = 0;
        long in = 0;
        long out = 0;
        Map<String, CommandStat> commands = new TreeMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (line.startsWith("#") || colon < 0) {
                continue;
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "used_cpu_user", "used_cpu_sys" -> cpu += Double.parseDouble(value);
                case "total_net_input_bytes" -> in = Long.parseLong(value);
                case "total_net_output_bytes" -> out = Long.parseLong(value);
                default -> {
                    if (name.startsWith("cmdstat_")) {
                        commands.put(name.substring("cmdstat_".length()), commandStat(value));
                    }
                }
            }
        }
        return new RedisInfo(cpu, commands, in, out);
    }

    private static CommandStat commandStat(String value) {
        long calls = 0;
        long usec = 0;
        for (String pair : value.split(",")) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                continue;
            }
            switch (pair.substring(0, equals)) {
                case "calls" -> calls = Long.parseLong(pair.substring(equals + 1));
                case "usec" -> usec = Long.parseLong(pair.substring(equals + 1));
                default -> {}
            }
        }
        return new CommandStat(calls, usec);
    }

    /** What happened between {@code earlier} and this snapshot; commands that did not run are left out. */
    RedisInfo minus(RedisInfo earlier) {
        Map<String, CommandStat> delta = new LinkedHashMap<>();
        commands.forEach((name, now) -> {
            CommandStat before = earlier.commands.getOrDefault(name, new CommandStat(0, 0));
            if (now.calls() > before.calls()) {
                delta.put(name, new CommandStat(now.calls() - before.calls(), now.usec() - before.usec()));
            }
        });
        return new RedisInfo(
                cpuS - earlier.cpuS, delta, netInBytes - earlier.netInBytes, netOutBytes - earlier.netOutBytes);
    }

    long totalCalls() {
        return commands.values().stream().mapToLong(CommandStat::calls).sum();
    }

    /** Commands by calls, most first. */
    List<Map.Entry<String, CommandStat>> byCalls() {
        return commands.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, CommandStat> e) ->
                                e.getValue().calls())
                        .reversed())
                .toList();
    }
}
