package io.coxswain.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU seconds used so far by this JVM and by a PostgreSQL server (its postmaster and every backend, live or ended). */
final class ProcessCpu {
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {
    }

    static double thisJvm() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** The server with data in {@code dataDir}: its postmaster's own and reaped children's time, live children's. */
    static double postgres(Path dataDir) {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            String[] own = stat(postmaster);
            double ticks = Long.parseLong(own[13]) + Long.parseLong(own[14]) + Long.parseLong(own[15])
                    + Long.parseLong(own[16]);
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    String[] s = stat(Long.parseLong(p.getFileName().toString()));
                    if (s != null && Long.parseLong(s[3]) == postmaster) {
                        ticks += Long.parseLong(s[13]) + Long.parseLong(s[14]);
                    }
                }
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU time of PostgreSQL in " + dataDir + ": " + e, e);
        }
    }

    /** /proc/PID/stat fields from the state on (index 2 = state), or null when the process is gone. */
    private static String[] stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String afterName = line.substring(line.lastIndexOf(')') + 2);
            String[] rest = afterName.split(" ");
            String[] fields = new String[rest.length + 2];
            System.arraycopy(rest, 0, fields, 2, rest.length);
            return fields;
        } catch (IOException e) {
            return null;  // the process ended between listing /proc and reading it: nothing to count
        }
    }
}
