package io.contrast4j.nn.optim;

/**
 * A learning-rate schedule (O01): {@link #factor(long)} is the multiplier of each group's base LR at a 0-based
 * step; {@link #lr(long)} is the resulting LR for the schedule's peak LR. {@link #apply(Optimizer, long)} sets
 * every group's LR to {@code baseLr · factor(step)}, so groups with their own LR (e.g. loss parameters at 100×)
 * keep their ratio.
 */
public interface LrSchedule {
    /** Multiplier of the base LR at {@code step} (0-based). */
    double factor(long step);

    /** The peak (base) LR this schedule was built with. */
    double peakLr();

    /** The learning rate at {@code step}: {@code peakLr() · factor(step)}. */
    default double lr(long step) {
        return peakLr() * factor(step);
    }

    /** Sets every group's LR for {@code step}. */
    default void apply(Optimizer opt, long step) {
        double f = factor(step);
        for (ParamGroup g : opt.groups()) g.setLr(g.baseLr() * f);
    }

    static void checkStep(long step) {
        if (step < 0) throw new IllegalArgumentException("step must be >= 0, got " + step);
    }

    static void checkPeak(double lr) {
        ParamGroup.checkLr(lr);
    }
}
