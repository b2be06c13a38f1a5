package io.contrast4j.nn.optim;

import io.contrast4j.autograd.backend.HostStorage;

import java.util.List;

/**
 * Normalised gradient descent for logistic regression (O16; Tyurin, <i>From Logistic Regression to the Perceptron
 * Algorithm: Exploring Gradient Descent with Large Step Sizes</i>, 2024): w ← w − (η/L(w))·∇L(w), for linear
 * probes and heads (M16). Formula not verified against the paper: follows CATALOG.md. Needs the loss value:
 * call {@link #step(double)} with L(w) &gt; 0. A group weight decay λ adds λw to the gradient before scaling.
 */
public final class NormalizedGd extends Optimizer {
    private double loss = Double.NaN;

    public NormalizedGd(List<ParamGroup> groups) {
        super(groups);
    }

    @Override
    public boolean needsLoss() {
        return true;
    }

    @Override
    public void step() {
        throw new IllegalStateException("NormalizedGd needs the loss value: call step(loss)");
    }

    @Override
    public void step(double loss) {
        if (!(loss > 0) || Double.isInfinite(loss)) throw new IllegalArgumentException("loss must be finite and > 0, got " + loss);
        this.loss = loss;
        super.step();
    }

    @Override
    protected String[] stateNames() {
        return new String[0];
    }

    @Override
    protected void update(ParamGroup group, HostStorage p, HostStorage g, double[][] st, long t) {
        double s = group.lr() / loss, wd = group.weightDecay();
        if (p.f != null) for (int i = 0; i < p.f.length; i++) p.f[i] = (float) (p.f[i] - s * (g.f[i] + wd * p.f[i]));
        else for (int i = 0; i < p.d.length; i++) p.d[i] = p.d[i] - s * (g.d[i] + wd * p.d[i]);
    }
}
