package io.contrast4j.nn.optim;

/** Constant learning rate: factor 1 at every step (O01). */
public record ConstantLr(double peakLr) implements LrSchedule {
    public ConstantLr {
        LrSchedule.checkPeak(peakLr);
    }

    @Override
    public double factor(long step) {
        LrSchedule.checkStep(step);
        return 1.0;
    }
}
