package io.coxswain.agent.workload;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Character windows of a text shipped as {@code /workloads/river.txt} (original prose, public domain), lower-cased with
 * every run of white space made one space. The vocabulary is the text's distinct characters in code point order. The
 * first {@value #TRAIN_SHARE} of the text trains: sample {@code i} is the window of {@value #WINDOW} characters
 * starting at {@code i * }{@value #STRIDE}, each character predicting the next one. The rest is held out, cut into
 * windows that do not overlap. Batches are built on demand as one-hot arrays [n, vocabulary, {@value #WINDOW}].
 */
final class CharText {
    static final int WINDOW = 32;
    static final int STRIDE = 2;
    static final double TRAIN_SHARE = 0.85;

    private final char[] text;
    private final char[] vocabulary;
    private final int trainEnd;

    private CharText(char[] text) {
        this.text = text;
        char[] sorted = text.clone();
        Arrays.sort(sorted);
        this.vocabulary = new String(sorted).chars().distinct().collect(StringBuilder::new,
                StringBuilder::appendCodePoint, StringBuilder::append).toString().toCharArray();
        this.trainEnd = (int) (text.length * TRAIN_SHARE);
        if (trainEnd < 2 * (WINDOW + 1)) {
            throw new WorkloadException("the text of " + text.length + " characters is too short for windows of "
                    + WINDOW);
        }
    }

    static CharText load() {
        return of(Resources.text("river.txt"));
    }

    static CharText of(String raw) {
        return new CharText(raw.toLowerCase(java.util.Locale.ROOT).strip().replaceAll("\\s+", " ").toCharArray());
    }

    int vocabularySize() {
        return vocabulary.length;
    }

    /** Training windows: every {@value #STRIDE}th start whose window and next character lie before the split. */
    Samples train() {
        int count = (trainEnd - WINDOW - 1) / STRIDE + 1;
        return windows(count, STRIDE, 0);
    }

    /** Held-out windows: consecutive, not overlapping, after the split. */
    Samples heldOut() {
        int count = (text.length - trainEnd - 1) / WINDOW;
        return windows(count, WINDOW, trainEnd);
    }

    private Samples windows(int count, int stride, int offset) {
        return new Samples() {
            @Override
            public int size() {
                return count;
            }

            @Override
            public Batch batch(int[] indices) {
                int classes = vocabulary.length;
                float[] features = new float[indices.length * classes * WINDOW];
                float[] labels = new float[indices.length * classes * WINDOW];
                for (int i = 0; i < indices.length; i++) {
                    if (indices[i] < 0 || indices[i] >= count) {
                        throw new IllegalArgumentException("window " + indices[i] + " is outside 0.." + (count - 1));
                    }
                    int start = offset + indices[i] * stride;
                    for (int t = 0; t < WINDOW; t++) {
                        features[(i * classes + code(text[start + t])) * WINDOW + t] = 1f;
                        labels[(i * classes + code(text[start + t + 1])) * WINDOW + t] = 1f;
                    }
                }
                long[] shape = {indices.length, classes, WINDOW};
                return new Batch(Nd4j.create(features, shape, 'c'), Nd4j.create(labels, shape, 'c'));
            }
        };
    }

    private int code(char c) {
        return Arrays.binarySearch(vocabulary, c);
    }

    /** The characters of a window of one-hot rows [vocabulary, time], for reading samples back. */
    String decode(INDArray oneHot) {
        StringBuilder out = new StringBuilder();
        INDArray codes = oneHot.argMax(0);
        for (int t = 0; t < codes.length(); t++) {
            out.append(vocabulary[codes.getInt(t)]);
        }
        return out.toString();
    }
}
