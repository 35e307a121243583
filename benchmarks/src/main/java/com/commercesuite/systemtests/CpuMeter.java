package com.commercesuite.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of each process on the path of a request, from /proc (user + system clock ticks), read
 * around a measured run: which process spends what per request, and the whole machine beside them.
 */
final class CpuMeter {

    /** Linux's USER_HZ: /proc reports CPU time in hundredths of a second. */
    private static final double MILLIS_PER_TICK = 10.0;

    private final Map<String, Predicate<ProcessHandle>> processes = new LinkedHashMap<>();

    CpuMeter(List<ServiceProcess> services) {
        long self = ProcessHandle.current().pid();
        processes.put("load generator", p -> p.pid() == self);
        for (ServiceProcess service : services) {
            long pid = service.pid();
            processes.put(service.name(), p -> p.pid() == pid);
        }
        processes.put("kafka", p -> commandLine(p).contains("kafka.Kafka"));
        processes.put("postgresql", p -> p.info().command().orElse("").contains("postgres"));
        // Debian's redis-server is a link to redis-check-rdb, which is what the process shows.
        processes.put("redis", p -> p.info().command().orElse("").contains("redis-"));
    }

    /** Ticks so far, per process and for the whole machine ("machine"). */
    Map<String, Long> now() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        List<ProcessHandle> all = ProcessHandle.allProcesses().toList();
        processes.forEach((name, matches) ->
                ticks.put(name, all.stream().filter(matches).mapToLong(CpuMeter::ticks).sum()));
        ticks.put("machine", machineBusyTicks());
        return ticks;
    }

    /** "name 0.42 ms, ..." of CPU per unit of work between two readings, the machine last. */
    static String perUnit(Map<String, Long> before, Map<String, Long> after, long units) {
        return perUnitAboveIdle(before, after, Map.of(), 0, units);
    }

    /** Milliseconds of CPU per second of each process between two readings taken {@code seconds} apart. */
    static Map<String, Double> perSecond(Map<String, Long> before, Map<String, Long> after, double seconds) {
        Map<String, Double> rates = new LinkedHashMap<>();
        after.forEach((name, ticks) -> rates.put(name, (ticks - before.getOrDefault(name, 0L)) * MILLIS_PER_TICK / seconds));
        return rates;
    }

    /** "name 42, ... ms/s" for rates from {@link #perSecond}. */
    static String format(Map<String, Double> perSecond) {
        return perSecond.entrySet().stream()
                .map(rate -> "%s %.0f".formatted(rate.getKey(), rate.getValue()))
                .collect(Collectors.joining(", ", "", " ms/s"));
    }

    /**
     * As {@link #perUnit}, less what each process spent in as many seconds of the idle suite (polls,
     * heartbeats, the relays' and sweepers' rounds): the CPU the units of work cost themselves.
     */
    static String perUnitAboveIdle(Map<String, Long> before, Map<String, Long> after, Map<String, Double> idlePerSecond,
            double seconds, long units) {
        return after.keySet().stream()
                .map(name -> "%s %.2f".formatted(name, ((after.get(name) - before.getOrDefault(name, 0L)) * MILLIS_PER_TICK
                        - idlePerSecond.getOrDefault(name, 0.0) * seconds) / units))
                .collect(Collectors.joining(", ", "", " ms"));
    }

    private static String commandLine(ProcessHandle process) {
        return process.info().commandLine().orElse("");
    }

    private static long ticks(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // Fields after the command name (which may hold spaces) start past its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended between the listing and the read
        }
    }

    private static long machineBusyTicks() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/stat"))) {
            String[] cpu = lines.findFirst().orElseThrow().trim().split("\\s+");
            // user, nice, system, irq, softirq: busy; idle and iowait are not.
            return Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3])
                    + Long.parseLong(cpu[6]) + Long.parseLong(cpu[7]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
