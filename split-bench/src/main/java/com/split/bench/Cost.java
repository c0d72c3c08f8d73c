package com.split.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What N tasks cost: CPU of the producer, the worker and Redis in microseconds per task, and Redis commands per task
 * (commands a Lua script runs count too, so {@code evalsha} plus what it called).
 *
 * @param commands per task, by command: calls and the microseconds Redis spent in them
 */
record Cost(
        long n,
        double cpuUsPerTask,
        double producerUs,
        double workerUs,
        double redisUs,
        double redisCallsPerTask,
        double redisNetBytesPerTask,
        double windowS,
        double machineBusyCores,
        double otherUs,
        Map<String, PerTask> commands) {

    record PerTask(double calls, double usec) {}

    /**
     * @param windowS the measured window; with {@code machineBusyS}, the busy CPU seconds of the whole machine in it,
     *     it tells what else ran meanwhile ({@code otherUs}: busy time none of the three accounts for, per task)
     */
    static Cost of(
            long n, double producerCpuS, double workerCpuS, RedisInfo redis, double windowS, double machineBusyS) {
        double per = 1e6 / n;
        Map<String, PerTask> commands = new LinkedHashMap<>();
        for (var entry : redis.byCalls()) {
            commands.put(
                    entry.getKey(),
                    new PerTask(
                            (double) entry.getValue().calls() / n,
                            (double) entry.getValue().usec() / n));
        }
        return new Cost(
                n,
                (producerCpuS + workerCpuS + redis.cpuS()) * per,
                producerCpuS * per,
                workerCpuS * per,
                redis.cpuS() * per,
                (double) redis.totalCalls() / n,
                (double) (redis.netInBytes() + redis.netOutBytes()) / n,
                windowS,
                machineBusyS / windowS,
                (machineBusyS - producerCpuS - workerCpuS - redis.cpuS()) * per,
                commands);
    }

    /** {@code 123 (40 + 50 + 33)}: total and producer + worker + Redis. */
    String cpuCell() {
        return "%.0f (%.0f + %.0f + %.0f)".formatted(cpuUsPerTask, producerUs, workerUs, redisUs);
    }

    /** {@code 1.4 / 0.1}: busy cores of the machine in the window, and cores' worth used by anything else. */
    String machineCell() {
        return "%.2f / %.2f".formatted(machineBusyCores, otherUs * n / 1e6 / windowS);
    }

    /** The busiest commands: {@code evalsha 2.0 (31 µs), xadd 5.0 (9 µs)}. */
    String commandsCell(int top) {
        StringBuilder cell = new StringBuilder();
        commands.entrySet().stream().limit(top).forEach(e -> {
            if (!cell.isEmpty()) {
                cell.append(", ");
            }
            cell.append("%s %.2f (%.1f µs)"
                    .formatted(e.getKey(), e.getValue().calls(), e.getValue().usec()));
        });
        return cell.toString();
    }
}
