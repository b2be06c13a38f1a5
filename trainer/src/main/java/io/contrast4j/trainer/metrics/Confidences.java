package io.contrast4j.trainer.metrics;

/** A confidence in [0,1] per prediction and whether the prediction was correct (M13 ECE, M04 coverage at risk). */
public record Confidences(double[] confidence, boolean[] correct) implements MetricInput {
    public Confidences {
        Check.finite("confidence", confidence);
        Check.notNull("correct", correct);
        Check.sameLength("confidence", confidence.length, "correct", correct.length);
        for (int i = 0; i < confidence.length; i++) {
            if (confidence[i] < 0 || confidence[i] > 1) throw new IllegalArgumentException("confidence[" + i + "] = " + confidence[i] + " is not in [0,1]");
        }
    }

    /** Max-probability confidence and argmax correctness from probabilities (rows must be in [0,1]). */
    public static Confidences fromProbabilities(ClassScores p) {
        int n = p.labels().length;
        double[] conf = new double[n];
        boolean[] ok = new boolean[n];
        for (int i = 0; i < n; i++) {
            int a = Ranking.argmax(p.scores()[i]);
            conf[i] = p.scores()[i][a];
            ok[i] = a == p.labels()[i];
        }
        return new Confidences(conf, ok);
    }
}
