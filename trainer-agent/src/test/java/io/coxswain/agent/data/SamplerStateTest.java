package io.coxswain.agent.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coxswain.agent.workload.DataSource;
import io.coxswain.protocol.codec.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplerStateTest {
    private final List<DataSource> pair = List.of(new DataSource("a", 6), new DataSource("b", 4));
    private final MixingSampler mixed = new MixingSampler(9L, pair, false);
    private final MixingSampler single = new MixingSampler(9L, List.of(new DataSource("a", 6)), true);

    @Test
    void readsBackFromJsonAsTheSameState() throws Exception {
        SamplerState state = new SamplerState(4, 3, List.of(new SourcePosition("a", 2, 5),
                new SourcePosition("b", 7, 0)), 40, 3);

        String json = Json.mapper().writeValueAsString(state);

        assertThat(Json.mapper().readValue(json, SamplerState.class)).isEqualTo(state);
        assertThat(Json.mapper().readTree(json)).isEqualTo(Json.mapper().readTree("""
                {"epoch":4,"consumed":3,"sources":[{"name":"a","epoch":2,"offset":5},{"name":"b","epoch":7,"offset":0}],
                 "samplesSeen":40,"samplesDropped":3}"""));
    }

    @Test
    void skipsTheRestOfTheEpochAsDroppedWithoutMovingMixedSources() {
        Draw draw = mixed.draw(SamplerState.start(pair), 3, null, 3);

        SamplerState skipped = mixed.skipEpoch(draw.next());

        assertThat(skipped).isEqualTo(new SamplerState(1, 0, draw.next().sources(), 3, 7));
    }

    @Test
    void skipsTheRestOfTheEpochWithTheOnlySource() {
        Draw draw = single.draw(SamplerState.start(single.sources()), 2, null, 2);

        SamplerState skipped = single.skipEpoch(draw.next());

        assertThat(skipped).isEqualTo(new SamplerState(1, 0, List.of(new SourcePosition("a", 1, 0)), 2, 4));
        assertThat(single.draw(skipped, 6, null, 6).indices()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }

    @Test
    void skipsNothingAtTheStartOfAnEpoch() {
        SamplerState start = SamplerState.start(pair);

        assertThat(mixed.skipEpoch(start)).isEqualTo(start);
    }

    @Test
    void rejectsAStateOfOtherSources() {
        SamplerState other = SamplerState.start(List.of(new DataSource("a", 6), new DataSource("c", 4)));

        assertThatThrownBy(() -> mixed.draw(other, 2, null, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[a, c]").hasMessageContaining("[a, b]");
    }

    @Test
    void rejectsAStateWhoseCountsDoNotAddUp() {
        SamplerState inconsistent = new SamplerState(1, 2, SamplerState.start(pair).sources(), 5, 0);

        assertThatThrownBy(() -> mixed.draw(inconsistent, 2, null, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inconsistent");
    }

    @Test
    void rejectsAStateBeyondASourcesSize() {
        SamplerState beyond = new SamplerState(0, 0, List.of(new SourcePosition("a", 0, 0),
                new SourcePosition("b", 0, 4)), 0, 0);

        assertThatThrownBy(() -> mixed.draw(beyond, 2, null, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset 4");
    }

    @Test
    void rejectsASingleSourceStateWhoseSourceLagsTheRun() {
        SamplerState lagging = new SamplerState(0, 2, List.of(new SourcePosition("a", 0, 1)), 2, 0);

        assertThatThrownBy(() -> single.draw(lagging, 2, null, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only source");
    }

    @Test
    void rejectsBatchSizesOutsideOneEpoch() {
        SamplerState start = SamplerState.start(pair);

        assertThatThrownBy(() -> mixed.draw(start, 0, null, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch size must be in [1, 10]").hasMessageEndingWith("got 0");
        assertThatThrownBy(() -> mixed.draw(start, 11, null, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("got 11");
        assertThatThrownBy(() -> mixed.draw(start, 2, null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("next batch size").hasMessageEndingWith("got 0");
    }

    @Test
    void rejectsASourceListedTwice() {
        assertThatThrownBy(() -> new MixingSampler(1L, List.of(new DataSource("a", 1), new DataSource("a", 2)), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' is listed twice");
    }

    @Test
    void tellsWhetherABatchFitsWhatIsLeftOfTheEpoch() {
        Draw draw = mixed.draw(SamplerState.start(pair), 7, null, 3);

        assertThat(mixed.fits(draw.next(), 3)).isTrue();
        assertThat(mixed.fits(draw.next(), 4)).isFalse();
    }
}
