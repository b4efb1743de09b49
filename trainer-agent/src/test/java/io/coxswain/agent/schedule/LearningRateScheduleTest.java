package io.coxswain.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.coxswain.agent.schedule.LearningRateSchedule.Type;
import io.coxswain.protocol.codec.Json;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

class LearningRateScheduleTest {

    @Example
    void decaysLinearlyToZeroLikeHuggingFace() {
        LearningRateSchedule linear = new LearningRateSchedule(Type.LINEAR, 0);

        assertThat(linear.factor(0)).isEqualTo(1.0);
        assertThat(linear.factor(0.5)).isEqualTo(0.5);
        assertThat(linear.factor(1)).isEqualTo(0.0);
    }

    @Example
    void followsHalfACosineToZeroLikeHuggingFace() {
        LearningRateSchedule cosine = new LearningRateSchedule(Type.COSINE, 0);

        assertThat(cosine.factor(0)).isEqualTo(1.0);
        assertThat(cosine.factor(0.5)).isCloseTo(0.5, within(1e-15));
        assertThat(cosine.factor(0.25)).isCloseTo(0.5 * (1 + Math.sqrt(0.5)), within(1e-15));
        assertThat(cosine.factor(1)).isEqualTo(0.0);
    }

    @Example
    void warmsUpFromZeroThenDecaysOverWhatIsLeft() {
        LearningRateSchedule linear = new LearningRateSchedule(Type.LINEAR, 0.2);

        // HF get_linear_schedule_with_warmup with 100 steps and 20 warmup steps, at steps 0, 10, 20, 60, 100
        assertThat(linear.factor(0)).isEqualTo(0.0);
        assertThat(linear.factor(0.1)).isCloseTo(0.5, within(1e-15));
        assertThat(linear.factor(0.2)).isEqualTo(1.0);
        assertThat(linear.factor(0.6)).isCloseTo(0.5, within(1e-15));
        assertThat(linear.factor(1)).isEqualTo(0.0);
    }

    @Example
    void staysConstantAfterWarmup() {
        LearningRateSchedule constant = new LearningRateSchedule(Type.CONSTANT, 0.5);

        assertThat(constant.factor(0.25)).isEqualTo(0.5);
        assertThat(constant.factor(0.5)).isEqualTo(1.0);
        assertThat(constant.factor(1)).isEqualTo(1.0);
    }

    @Example
    void clampsProgressOutsideTheRun() {
        LearningRateSchedule linear = new LearningRateSchedule(Type.LINEAR, 0);

        assertThat(linear.factor(-0.5)).isEqualTo(1.0);
        assertThat(linear.factor(1.5)).isEqualTo(0.0);
        assertThatThrownBy(() -> linear.factor(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void staysBetweenZeroAndOne(@ForAll Type type, @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false)
            double warmup, @ForAll double progress) {
        double factor = new LearningRateSchedule(type, warmup).factor(progress);

        assertThat(factor).isBetween(0.0, 1.0);
    }

    @Property
    void readsBackWhatItWrites(@ForAll Type type,
                               @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double warmup)
            throws Exception {
        LearningRateSchedule schedule = new LearningRateSchedule(type, warmup);
        String json = Json.mapper().writeValueAsString(schedule.toJson());

        assertThat(LearningRateSchedule.parse(Json.mapper().readTree(json), "lr_schedule").value())
                .isEqualTo(schedule);
    }

    @Example
    void readsTheDocumentedFormWithWarmupDefaultingToZero() throws Exception {
        assertThat(LearningRateSchedule.parse(Json.mapper().readTree("""
                {"type":"cosine"}"""), "lr_schedule").value()).isEqualTo(new LearningRateSchedule(Type.COSINE, 0));
    }

    @Example
    void listsEveryProblemOfALearningRateSchedule() throws Exception {
        Parsed<LearningRateSchedule> parsed = LearningRateSchedule.parse(Json.mapper().readTree("""
                {"type":"exponential","warmup_fraction":1.0,"cycles":2}"""), "lr_schedule");

        assertThat(parsed.problems()).containsExactly(
                "lr_schedule.cycles is not a setting of a learning rate schedule (known: type, warmup_fraction)",
                "lr_schedule.type must be one of constant, linear, cosine, got \"exponential\"",
                "lr_schedule.warmup_fraction must be in [0, 1), got 1.0");
    }

    @Example
    void rejectsAWarmupThatIsNotANumber() throws Exception {
        assertThat(LearningRateSchedule.parse(Json.mapper().readTree("""
                {"type":"linear","warmup_fraction":"10%"}"""), "lr_schedule").problems())
                .containsExactly("lr_schedule.warmup_fraction must be a number, got \"10%\"");
    }
}
