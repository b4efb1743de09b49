package io.coxswain.agent.workload;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@code char-rnn}: a character-level LSTM ({@value #HIDDEN} units, softmax over the vocabulary at every time step)
 * predicting the next character of {@link CharText}'s windows, one source {@code text}. Losses are per character
 * (the network's loss summed over a window, divided by {@value CharText#WINDOW}); {@code eval_accuracy} is the share
 * of held-out characters predicted exactly.
 */
public final class CharRnnProvider implements WorkloadProvider {
    public static final String NAME = "char-rnn";
    static final int HIDDEN = 64;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "character-level LSTM (64 units) predicting the next character of 32-character windows of a 9 KB"
                + " English text";
    }

    @Override
    public List<DataSource> sources() {
        return List.of(new DataSource("text", CharText.load().train().size()));
    }

    @Override
    public NetworkWorkload create(ModelSettings settings) {
        CharText text = CharText.load();
        Samples train = text.train();
        return new NetworkWorkload(NAME, List.of(new DataSource("text", train.size())), train, text.heldOut().all(),
                Networks.build(configuration(settings, text.vocabularySize()), settings),
                settings.optimizer().kind(), CharText.WINDOW, true);
    }

    static MultiLayerConfiguration configuration(ModelSettings settings, int vocabulary) {
        return Networks.builder(settings)
                .list()
                .layer(new LSTM.Builder().nIn(vocabulary).nOut(HIDDEN).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(vocabulary)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }
}
