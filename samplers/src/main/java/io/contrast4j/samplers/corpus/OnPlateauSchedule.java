package io.contrast4j.samplers.corpus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * S206 · On-plateau refresh: the trainer reports a metric to minimise (e.g. training loss) with {@link #observe};
 * after {@code patience} reports without an improvement of more than {@code min_delta} over the best so far, the next
 * {@link #due} fires once and the counter (and the best value) reset, since new negatives change the loss level.
 * Defaults: patience 3, min_delta 1e-4.
 */
public final class OnPlateauSchedule implements RefreshSchedule {
    private final int patience;
    private final double minDelta;
    private double best = Double.POSITIVE_INFINITY;
    private int bad;
    private boolean pending;

    public OnPlateauSchedule(int patience, double minDelta) {
        if (patience < 1) throw new IllegalArgumentException("parameter 'patience' must be >= 1, got " + patience);
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) throw new IllegalArgumentException("parameter 'min_delta' must be >= 0, got " + minDelta);
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /** Reports the latest value of the monitored metric (lower is better). */
    public synchronized void observe(double value) {
        if (Double.isNaN(value)) throw new IllegalArgumentException("observed value is NaN");
        if (value < best - minDelta) {
            best = value;
            bad = 0;
        } else if (++bad >= patience) {
            pending = true;
            bad = 0;
            best = Double.POSITIVE_INFINITY;
        }
    }

    @Override
    public synchronized boolean due(int step, int epoch) {
        boolean p = pending;
        pending = false;
        return p;
    }

    @Override
    public String name() {
        return "on_plateau";
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("patience", String.valueOf(patience));
        m.put("min_delta", String.valueOf(minDelta));
        return m;
    }
}
