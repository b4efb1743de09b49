package io.coxswain.agent.workload;

import org.junit.jupiter.api.Test;

class ScratchWTest {
    @Test
    void scratch() {
        if (Boolean.getBoolean("one")) {
            org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(1);
            org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(1);
            org.nd4j.linalg.factory.Nd4j.factory().blas().setMaxThreads(1);
        }
        MlpBlobsWorkload w = MlpBlobsWorkload.create(new ModelSettings(42, Optimizer.ADAM, 1e-3));
        EpochSampler s = new EpochSampler(42, w.trainSize());
        SamplerPosition p = SamplerPosition.START;
        for (int rep = 0; rep < 4; rep++) {
            double[] t = new double[500];
            double[] tp = new double[500];
            for (int i = 0; i < 500; i++) {
                Draw d = s.draw(p, 32); p = d.next();
                long a = System.nanoTime();
                
                long b = System.nanoTime();
                w.fit(d.indices());
                t[i] = (System.nanoTime() - b) / 1e6;
                tp[i] = (b - a) / 1e6;
            }
            double[] srt = t.clone(); java.util.Arrays.sort(srt);
            double sum = 0; for (double v : t) sum += v;
            System.out.printf("fit ms: p50 %.2f p90 %.2f p99 %.2f max %.2f mean %.2f%n", srt[250], srt[450], srt[495], srt[499], sum / 500);
        }
        System.out.println("threads " + org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads() + " " + Runtime.getRuntime().availableProcessors());
    }
}
