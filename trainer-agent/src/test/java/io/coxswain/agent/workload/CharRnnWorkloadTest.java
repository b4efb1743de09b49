package io.coxswain.agent.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.indexing.NDArrayIndex;

class CharRnnWorkloadTest extends WorkloadContract {

    @Override
    WorkloadProvider provider() {
        return new CharRnnProvider();
    }

    @Override
    double warmUpRate() {
        return 0.02;
    }

    @Override
    int warmUpSteps() {
        return 20;
    }

    @Override
    int learningSteps() {
        return 40;
    }

    @Override
    int learningBatch() {
        return 16;
    }

    @Override
    double learnedLossRatio() {
        return 0.85;
    }

    @Override
    int lossTermsPerSample() {
        return CharText.WINDOW;
    }

    /**
     * The step follows the loss per character, so its gradient is {@value CharText#WINDOW} times smaller than that of
     * {@code fit} (which follows the loss summed over a window). Adam is scale-free except for its epsilon, which
     * weighs {@value CharText#WINDOW} times more here: the weights of rare characters, whose gradients are tiny,
     * drift apart by up to about 0.01 in 15 steps and the losses by about 1e-4 (measured on 20 steps of 32).
     */
    @Override
    double fitLossTolerance() {
        return 1e-3;
    }

    @Override
    double fitParameterTolerance() {
        return 0.05;
    }

    @Override
    double learnedAccuracy() {
        return 0.2;
    }

    @Test
    void eachCharacterOfAWindowPredictsTheNextOne() {
        CharText text = CharText.of("The  river\nruns on, and on; it runs on and on - the same: and not the same."
                + " The boat goes on. ".repeat(4));
        Batch window = text.train().batch(new int[]{1});

        String input = text.decode(window.features().get(NDArrayIndex.point(0), NDArrayIndex.all(),
                NDArrayIndex.all()));
        String target = text.decode(window.labels().get(NDArrayIndex.point(0), NDArrayIndex.all(),
                NDArrayIndex.all()));

        assertThat(input).isEqualTo("e river runs on, and on; it runs");
        assertThat(target).isEqualTo(" river runs on, and on; it runs ");
        assertThat(window.features().shape()).containsExactly(1, text.vocabularySize(), CharText.WINDOW);
    }

    @Test
    void sharesOutTheShippedTextIntoTrainingAndHeldOutWindows() {
        CharText text = CharText.load();

        assertThat(text.vocabularySize()).isBetween(26, 40);
        assertThat(text.train().size()).isGreaterThan(3000);
        assertThat(text.heldOut().size()).isGreaterThan(30);
        assertThat(create(7, Optimizer.ADAM, 0.01).sources()).containsExactly(new DataSource("text",
                text.train().size()));
    }

    @Test
    void reportsTheLossPerCharacterSoAnUntrainedModelStartsNearTheLogOfTheVocabulary() {
        NetworkWorkload workload = create(7, Optimizer.ADAM, 0.01);
        double uniform = Math.log(CharText.load().vocabularySize());

        StepResult first = workload.step(StepRequest.plain(Requests.batch(0, 16, workload.trainSize()), 0, 0,
                0.01));

        assertThat(first.loss()).isCloseTo(uniform, within(0.15 * uniform));
        assertThat(workload.evaluate().get("eval_loss")).isCloseTo(uniform, within(0.15 * uniform));
    }
}
