package io.coxswain.ledger.savings;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * How a savings figure was obtained: {@code measured} from the run's own recorded measurements (step times, the
 * restart cost, energy meters, checkpoint sizes), or {@code estimated} from a configured or default value (the
 * configured wattage where no meter was read).
 */
public enum Measure {
    MEASURED, ESTIMATED;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<Measure> fromWire(String text) {
        return Arrays.stream(values()).filter(m -> m.wire().equals(text)).findFirst();
    }
}
