package io.contrast4j.trainer.metrics;

/**
 * Preference pairs (chosen y_w, rejected y_l) with sequence log-likelihoods under the trained policy and a frozen
 * reference, and rewards (M05 idealised ranking accuracy). {@code policy*} may be {@code null} when only the
 * idealised accuracy is wanted.
 */
public record PreferencePairs(double[] policyChosen, double[] policyRejected, double[] refChosen, double[] refRejected,
                              double[] rewardChosen, double[] rewardRejected) implements MetricInput {
    public PreferencePairs {
        if ((policyChosen == null) != (policyRejected == null)) {
            throw new IllegalArgumentException("policyChosen and policyRejected must be both given or both null");
        }
        Check.finite("refChosen", refChosen);
        int n = refChosen.length;
        check("refRejected", refRejected, n);
        check("rewardChosen", rewardChosen, n);
        check("rewardRejected", rewardRejected, n);
        if (policyChosen != null) {
            check("policyChosen", policyChosen, n);
            check("policyRejected", policyRejected, n);
        }
    }

    private static void check(String name, double[] v, int n) {
        Check.finite(name, v);
        Check.sameLength(name, v.length, "refChosen", n);
    }
}
