package io.coxswain.streams.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.streams.rules.LossPlateauState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {
    private final JsonSerde<LossPlateauState> serde = new JsonSerde<>(LossPlateauState.class);

    @Test
    void readsBackTheRuleStateItWrote() {
        LossPlateauState state = new LossPlateauState(List.of(0.5, 0.25, 1e-9), new LossPlateauState.Best(0.4, 77),
                80, false);

        byte[] bytes = serde.serializer().serialize("store", state);

        assertThat(serde.deserializer().deserialize("store", bytes)).isEqualTo(state);
    }

    @Test
    void readsBackAStateWithoutABestMean() {
        LossPlateauState state = LossPlateauState.initial().withLoss(3, 2.0, 50);

        byte[] bytes = serde.serializer().serialize("store", state);

        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("{\"window\":[2.0],\"lastStep\":3,\"fired\":false}");
        assertThat(serde.deserializer().deserialize("store", bytes)).isEqualTo(state);
    }

    @Test
    void failsNamingTheTypeWhenTheBytesAreNotAState() {
        byte[] bytes = "{\"window\": \"many\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserializer().deserialize("store", bytes))
                .isInstanceOf(UnreadableStateException.class)
                .hasMessageStartingWith("cannot read stored LossPlateauState: ");
    }
}
