package io.coxswain.agent.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fisher's Iris data, shipped as {@code /workloads/iris.csv}: {@value #FEATURES} measurements, {@value #CLASSES}
 * species, 50 flowers each. Split by class: {@value #HELD_OUT_PER_CLASS} flowers of each species, chosen by a fixed
 * seed, are held out, the other {@value #TRAIN_SIZE} (in a seeded order) train. Features are standardized with the
 * training split's mean and standard deviation.
 */
record IrisData(INDArray trainFeatures, INDArray trainLabels, INDArray heldOutFeatures, INDArray heldOutLabels) {
    static final int FEATURES = 4;
    static final int CLASSES = 3;
    static final int HELD_OUT_PER_CLASS = 10;
    static final int TRAIN_SIZE = 150 - CLASSES * HELD_OUT_PER_CLASS;
    static final long SPLIT_SEED = 20_260_105L;

    static IrisData load() {
        List<List<double[]>> byClass = new ArrayList<>();
        for (int c = 0; c < CLASSES; c++) {
            byClass.add(new ArrayList<>());
        }
        for (String line : Resources.text("iris.csv").split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] cells = trimmed.split(",");
            if (cells.length != FEATURES + 1) {
                throw new WorkloadException("iris.csv: expected " + (FEATURES + 1) + " columns in '" + trimmed + "'");
            }
            double[] row = new double[FEATURES + 1];
            for (int i = 0; i <= FEATURES; i++) {
                row[i] = Double.parseDouble(cells[i]);
            }
            byClass.get((int) row[FEATURES]).add(row);
        }
        Random random = new Random(SPLIT_SEED);
        List<double[]> train = new ArrayList<>();
        List<double[]> heldOut = new ArrayList<>();
        for (List<double[]> rows : byClass) {
            Collections.shuffle(rows, random);
            heldOut.addAll(rows.subList(0, HELD_OUT_PER_CLASS));
            train.addAll(rows.subList(HELD_OUT_PER_CLASS, rows.size()));
        }
        Collections.shuffle(train, random);
        if (train.size() != TRAIN_SIZE) {
            throw new WorkloadException("iris.csv: expected 50 flowers per species, got " + (train.size()
                    + heldOut.size()) + " in all");
        }
        double[][] scale = standardization(train);
        return new IrisData(features(train, scale), labels(train), features(heldOut, scale), labels(heldOut));
    }

    /** Mean and standard deviation of each feature over the rows. */
    private static double[][] standardization(List<double[]> rows) {
        double[] mean = new double[FEATURES];
        double[] std = new double[FEATURES];
        for (double[] row : rows) {
            for (int f = 0; f < FEATURES; f++) {
                mean[f] += row[f] / rows.size();
            }
        }
        for (double[] row : rows) {
            for (int f = 0; f < FEATURES; f++) {
                std[f] += (row[f] - mean[f]) * (row[f] - mean[f]) / rows.size();
            }
        }
        for (int f = 0; f < FEATURES; f++) {
            std[f] = Math.sqrt(std[f]);
        }
        return new double[][]{mean, std};
    }

    private static INDArray features(List<double[]> rows, double[][] scale) {
        float[] values = new float[rows.size() * FEATURES];
        for (int i = 0; i < rows.size(); i++) {
            for (int f = 0; f < FEATURES; f++) {
                values[i * FEATURES + f] = (float) ((rows.get(i)[f] - scale[0][f]) / scale[1][f]);
            }
        }
        return Nd4j.create(values, new int[]{rows.size(), FEATURES});
    }

    private static INDArray labels(List<double[]> rows) {
        float[] values = new float[rows.size() * CLASSES];
        for (int i = 0; i < rows.size(); i++) {
            values[i * CLASSES + (int) rows.get(i)[FEATURES]] = 1f;
        }
        return Nd4j.create(values, new int[]{rows.size(), CLASSES});
    }
}
