package io.coxswain.cli.commands;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as {@code 500ms}, {@code 10s}, {@code 2m} or ISO-8601 ({@code PT10S}). */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase();
        try {
            if (v.startsWith("pt")) {
                return Duration.parse(v.toUpperCase());
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis((long) (Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
            }
            return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
        } catch (RuntimeException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (use e.g. 500ms, 10s, 2m)");
        }
    }
}
