package io.contrast4j.trainer.metrics;

/**
 * SAGE-style similarity-to-training input (M17): train and test features, and optionally per-sample
 * reconstruction errors (lower = more typical; from a supervised autoencoder or any stand-in) and a task
 * performance proxy (higher = better, e.g. the model's max probability). Optional pairs are both given or both null.
 */
public record OodInput(float[][] train, float[][] test, double[] trainReconstruction, double[] testReconstruction,
                       double[] trainProxy, double[] testProxy) implements MetricInput {
    public OodInput {
        int d = Check.matrix("train", train);
        int dt = Check.matrix("test", test);
        if (train.length < 2) throw new IllegalArgumentException("train needs at least 2 rows, has " + train.length);
        if (test.length > 0 && d != dt) throw new IllegalArgumentException("train has dimension " + d + " but test has " + dt);
        pair("Reconstruction", trainReconstruction, testReconstruction, train.length, test.length);
        pair("Proxy", trainProxy, testProxy, train.length, test.length);
    }

    public OodInput(float[][] train, float[][] test) {
        this(train, test, null, null, null, null);
    }

    private static void pair(String what, double[] tr, double[] te, int n, int m) {
        if ((tr == null) != (te == null)) throw new IllegalArgumentException("train" + what + " and test" + what + " must be both given or both null");
        if (tr == null) return;
        Check.finite("train" + what, tr);
        Check.finite("test" + what, te);
        Check.sameLength("train" + what, tr.length, "train", n);
        Check.sameLength("test" + what, te.length, "test", m);
    }
}
