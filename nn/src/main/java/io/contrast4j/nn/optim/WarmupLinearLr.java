package io.contrast4j.nn.optim;

/**
 * Linear warm-up then linear decay to 0 (O01's default decay η_t ∝ 1 − t/T; HF
 * {@code get_linear_schedule_with_warmup}): factor t/W for t &lt; W, then max(0, (T − t)/(T − W)).
 * The factor is 1 exactly at t = W.
 */
public record WarmupLinearLr(double peakLr, long warmupSteps, long totalSteps) implements LrSchedule {
    public WarmupLinearLr {
        LrSchedule.checkPeak(peakLr);
        if (warmupSteps < 0) throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        if (totalSteps <= warmupSteps) throw new IllegalArgumentException("totalSteps must be > warmupSteps, got " + totalSteps + " <= " + warmupSteps);
    }

    @Override
    public double factor(long step) {
        LrSchedule.checkStep(step);
        if (step < warmupSteps) return (double) step / warmupSteps;
        return Math.max(0.0, (double) (totalSteps - step) / (totalSteps - warmupSteps));
    }
}
