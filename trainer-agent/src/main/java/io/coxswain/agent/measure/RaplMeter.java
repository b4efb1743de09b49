package io.coxswain.agent.measure;

import io.coxswain.protocol.events.StepCompleted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CPU package energy from Linux powercap RAPL counters: the sum over the top-level package zones
 * ({@code <root>/intel-rapl:<n>} whose {@code name} starts with {@code package}; sub-zones such as {@code core} and
 * {@code dram} are parts of them, and {@code psys} would count packages twice) of the increase of
 * {@code energy_uj}, which wraps to 0 after {@code max_energy_range_uj}. Since Linux 5.10 {@code energy_uj} is
 * readable by root only; {@link #open} then says so.
 */
public final class RaplMeter implements EnergyMeter {
    public static final Path DEFAULT_ROOT = Path.of("/sys/class/powercap");
    private static final Logger LOG = LoggerFactory.getLogger(RaplMeter.class);
    private static final Pattern TOP_LEVEL_ZONE = Pattern.compile("intel-rapl:\\d+");

    /** One package zone: its counter file, where the counter wraps, and the last value read. */
    private static final class Zone {
        final Path energy;
        final long maxRange;
        long last;

        Zone(Path energy, long maxRange, long last) {
            this.energy = energy;
            this.maxRange = maxRange;
            this.last = last;
        }
    }

    private final List<Zone> zones;
    private final String description;
    private long microjoules;
    private boolean failing;

    private RaplMeter(List<Zone> zones, String description) {
        this.zones = zones;
        this.description = description;
    }

    /** A meter over every readable package zone under {@code root}; throws with the reason when there is none. */
    public static RaplMeter open(Path root) {
        List<Path> dirs;
        try (Stream<Path> entries = Files.list(root)) {
            dirs = entries.filter(p -> TOP_LEVEL_ZONE.matcher(p.getFileName().toString()).matches()).sorted()
                    .toList();
        } catch (IOException e) {
            throw new EnergySourceUnavailableException(StepCompleted.ENERGY_RAPL, root + " cannot be listed ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        List<Zone> zones = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path dir : dirs) {
            String name = readText(dir.resolve("name"));
            if (!name.startsWith("package")) {
                continue;
            }
            zones.add(new Zone(dir.resolve("energy_uj"), readLong(dir.resolve("max_energy_range_uj")),
                    readLong(dir.resolve("energy_uj"))));
            names.add(dir.getFileName() + " (" + name + ")");
        }
        if (zones.isEmpty()) {
            throw new EnergySourceUnavailableException(StepCompleted.ENERGY_RAPL, "no package zone under " + root,
                    null);
        }
        return new RaplMeter(List.copyOf(zones), String.join(", ", names));
    }

    /** How much a counter that wraps to 0 after {@code maxRange} grew from {@code last} to {@code now}. */
    static long increase(long last, long now, long maxRange) {
        return now >= last ? now - last : maxRange - last + now;
    }

    /** The zones read, for the log. */
    public String zones() {
        return description;
    }

    @Override
    public synchronized Reading read() {
        for (Zone zone : zones) {
            long now;
            try {
                now = Long.parseLong(Files.readString(zone.energy).trim());
            } catch (IOException | NumberFormatException e) {
                if (!failing) {
                    failing = true;
                    LOG.warn("cannot read {} ({}); energy is read as unchanged until it can be read again",
                            zone.energy, e.toString());
                }
                continue;
            }
            microjoules += increase(zone.last, now, zone.maxRange);
            zone.last = now;
        }
        return new Reading(microjoules / 1e6, StepCompleted.ENERGY_RAPL);
    }

    @Override
    public String source() {
        return StepCompleted.ENERGY_RAPL;
    }

    @Override
    public void close() {
        // Nothing runs in the background.
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new EnergySourceUnavailableException(StepCompleted.ENERGY_RAPL, file + " is not readable ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "; since Linux 5.10 RAPL counters are readable by root only)", e);
        }
    }

    private static long readLong(Path file) {
        String text = readText(file);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new EnergySourceUnavailableException(StepCompleted.ENERGY_RAPL, file + " holds '" + text
                    + "', not a number", e);
        }
    }
}
