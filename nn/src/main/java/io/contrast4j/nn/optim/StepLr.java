package io.contrast4j.nn.optim;

/** Step decay (PyTorch {@code StepLR}, O01): factor γ^⌊step / stepSize⌋. */
public record StepLr(double peakLr, long stepSize, double gamma) implements LrSchedule {
    public StepLr {
        LrSchedule.checkPeak(peakLr);
        if (stepSize <= 0) throw new IllegalArgumentException("stepSize must be > 0, got " + stepSize);
        if (!(gamma > 0) || Double.isInfinite(gamma)) throw new IllegalArgumentException("gamma must be finite and > 0, got " + gamma);
    }

    @Override
    public double factor(long step) {
        LrSchedule.checkStep(step);
        return Math.pow(gamma, (double) (step / stepSize));
    }
}
