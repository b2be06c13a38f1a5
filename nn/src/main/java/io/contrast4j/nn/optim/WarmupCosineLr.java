package io.contrast4j.nn.optim;

/**
 * Linear warm-up then cosine decay (Loshchilov &amp; Hutter, SGDR, without restarts; HF
 * {@code get_cosine_schedule_with_warmup}, O01): factor t/W for t &lt; W, then
 * f_min + (1 − f_min)·½(1 + cos(π·p)) with p = min(1, (t − W)/(T − W)). Default f_min = 0.
 */
public record WarmupCosineLr(double peakLr, long warmupSteps, long totalSteps, double minFactor) implements LrSchedule {
    public WarmupCosineLr {
        LrSchedule.checkPeak(peakLr);
        if (warmupSteps < 0) throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        if (totalSteps <= warmupSteps) throw new IllegalArgumentException("totalSteps must be > warmupSteps, got " + totalSteps + " <= " + warmupSteps);
        if (!(minFactor >= 0 && minFactor <= 1)) throw new IllegalArgumentException("minFactor must be in [0, 1], got " + minFactor);
    }

    public WarmupCosineLr(double peakLr, long warmupSteps, long totalSteps) {
        this(peakLr, warmupSteps, totalSteps, 0.0);
    }

    @Override
    public double factor(long step) {
        LrSchedule.checkStep(step);
        if (step < warmupSteps) return (double) step / warmupSteps;
        double p = Math.min(1.0, (double) (step - warmupSteps) / (totalSteps - warmupSteps));
        return minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * p));
    }
}
