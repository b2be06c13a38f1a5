package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.HostStorage;
import io.contrast4j.nn.io.NamedArray;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of the first-order optimizers: walks the parameter groups and updates every parameter that has a gradient,
 * in place. Host F32/F64 parameters are updated directly in their arrays ({@link HostStorage#f}/{@link HostStorage#d});
 * device parameters are downloaded, updated and re-assigned. Per-parameter state (moment buffers, in float64) is
 * allocated once, on a parameter's first step; a step allocates nothing proportional to the model.
 *
 * <p>State for checkpointing: {@link #state()} returns named arrays ({@code g0.p1.exp_avg}, {@code g0.p1.step},
 * {@code step}) and {@link #loadState(List)} restores them.
 */
public abstract class Optimizer {
    protected final List<ParamGroup> groups;
    private final double[][][][] state;
    private final long[][] paramSteps;
    private long steps;

    protected Optimizer(List<ParamGroup> groups) {
        if (groups == null || groups.isEmpty()) throw new IllegalArgumentException("groups: an optimizer needs at least one parameter group");
        this.groups = List.copyOf(groups);
        IdentityHashMap<Tensor, Boolean> seen = new IdentityHashMap<>();
        state = new double[groups.size()][][][];
        paramSteps = new long[groups.size()][];
        for (int g = 0; g < groups.size(); g++) {
            List<Tensor> ps = groups.get(g).params();
            for (int i = 0; i < ps.size(); i++) {
                if (seen.put(ps.get(i), true) != null) throw new IllegalArgumentException("params: parameter " + groups.get(g).name(i) + " of group " + g + " appears in more than one place");
            }
            state[g] = new double[ps.size()][][];
            paramSteps[g] = new long[ps.size()];
        }
    }

    /** Names of the per-parameter state buffers (each of the parameter's size), e.g. {@code exp_avg}. */
    protected abstract String[] stateNames();

    /**
     * Updates one parameter in place. {@code p} and {@code g} are host storages of the same dtype and size,
     * {@code st} the buffers named by {@link #stateNames()} (zero on the first step), {@code t} this parameter's
     * 1-based step count.
     */
    protected abstract void update(ParamGroup group, HostStorage p, HostStorage g, double[][] st, long t);

    public final List<ParamGroup> groups() {
        return groups;
    }

    /** Number of completed {@link #step()} calls. */
    public final long stepCount() {
        return steps;
    }

    /** One update of every parameter that has a gradient. */
    public void step() {
        for (ParamGroup g : groups) ParamGroup.checkLr(g.lr());
        for (int gi = 0; gi < groups.size(); gi++) {
            ParamGroup group = groups.get(gi);
            List<Tensor> ps = group.params();
            for (int pi = 0; pi < ps.size(); pi++) {
                Tensor p = ps.get(pi);
                Tensor grad = p.grad();
                if (grad == null) continue;
                if (grad.numel() != p.numel()) {
                    throw new IllegalStateException("gradient of " + group.name(pi) + " has " + grad.numel() + " elements, parameter has " + p.numel());
                }
                boolean device = !p.storage().isHost();
                HostStorage ph = p.host();
                HostStorage gh = Grads.hostAs(grad, ph.dtype);
                update(group, ph, gh, buffers(gi, pi, p.numel()), ++paramSteps[gi][pi]);
                if (device) p.assign(ph);
            }
        }
        steps++;
    }

    /** Recomputes the loss and the gradients at the current parameter values and returns the loss. */
    @FunctionalInterface
    public interface Closure {
        double evaluate();
    }

    /** Whether {@link #step(Closure)} is required (SAM): the trainer then passes a closure. */
    public boolean needsClosure() {
        return false;
    }

    /** Whether {@link #step(double)} with the current loss value is required (MoMo, normalised GD). */
    public boolean needsLoss() {
        return false;
    }

    /** A step for optimizers that use the loss value at the current parameters; the others ignore it. */
    public void step(double loss) {
        step();
    }

    /** A step for optimizers that re-evaluate the loss and gradients (SAM); the others ignore the closure. */
    public void step(Closure closure) {
        step();
    }

    /** The state buffers of parameter {@code pi} of group {@code gi} (allocated, zeroed, on first use). */
    protected final double[][] buffers(int gi, int pi, int n) {
        double[][] b = state[gi][pi];
        if (b == null) {
            String[] names = stateNames();
            b = new double[names.length][];
            for (int k = 0; k < names.length; k++) b[k] = new double[n];
            state[gi][pi] = b;
        }
        return b;
    }

    /** For subclasses that override {@link #step()}: counts one completed step. */
    protected final void countStep() {
        steps++;
    }

    /** Clears the gradients of every parameter. */
    public void zeroGrad() {
        for (ParamGroup g : groups) for (Tensor t : g.params()) t.zeroGrad();
    }

    /** Optimizer state as named arrays (for checkpoints): buffers as F64, per-parameter and global step counts as I64. */
    public List<NamedArray> state() {
        List<NamedArray> out = new ArrayList<>();
        out.add(NamedArray.i64("step", new int[0], new long[]{steps}));
        String[] names = stateNames();
        for (int g = 0; g < groups.size(); g++) {
            List<Tensor> ps = groups.get(g).params();
            for (int p = 0; p < ps.size(); p++) {
                if (state[g][p] == null) continue;
                String prefix = "g" + g + ".p" + p + ".";
                out.add(NamedArray.i64(prefix + "step", new int[0], new long[]{paramSteps[g][p]}));
                for (int k = 0; k < names.length; k++) out.add(NamedArray.f64(prefix + names[k], ps.get(p).shape(), state[g][p][k].clone()));
            }
        }
        return out;
    }

    /** Restores state written by {@link #state()} of an optimizer of the same kind over same-shaped groups. */
    public void loadState(List<NamedArray> arrays) {
        Map<String, NamedArray> byName = new LinkedHashMap<>();
        for (NamedArray a : arrays) byName.put(a.name(), a);
        NamedArray s = byName.remove("step");
        if (s == null || s.i64() == null) throw new IllegalArgumentException("optimizer state: missing I64 'step'");
        String[] names = stateNames();
        long[][] newSteps = new long[groups.size()][];
        double[][][][] newState = new double[groups.size()][][][];
        for (int g = 0; g < groups.size(); g++) {
            List<Tensor> ps = groups.get(g).params();
            newSteps[g] = new long[ps.size()];
            newState[g] = new double[ps.size()][][];
            for (int p = 0; p < ps.size(); p++) {
                String prefix = "g" + g + ".p" + p + ".";
                NamedArray st = byName.remove(prefix + "step");
                if (st == null) continue;
                if (st.i64() == null) throw new IllegalArgumentException("optimizer state: '" + prefix + "step' must be I64");
                newSteps[g][p] = st.i64()[0];
                newState[g][p] = new double[names.length][];
                for (int k = 0; k < names.length; k++) {
                    NamedArray a = byName.remove(prefix + names[k]);
                    if (a == null || a.f64() == null) throw new IllegalArgumentException("optimizer state: missing F64 '" + prefix + names[k] + "'");
                    if (a.f64().length != ps.get(p).numel()) {
                        throw new IllegalArgumentException("optimizer state: '" + prefix + names[k] + "' has " + a.f64().length + " values, parameter has " + ps.get(p).numel());
                    }
                    newState[g][p][k] = a.f64().clone();
                }
            }
        }
        if (!byName.isEmpty()) throw new IllegalArgumentException("optimizer state: unexpected array '" + byName.keySet().iterator().next() + "'");
        for (int g = 0; g < groups.size(); g++) {
            paramSteps[g] = newSteps[g];
            state[g] = newState[g];
        }
        steps = s.i64()[0];
    }

    static void checkFiniteNonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be finite and >= 0, got " + v);
    }

    static void checkUnit(String name, double v) {
        if (!(v >= 0 && v < 1)) throw new IllegalArgumentException(name + " must be in [0, 1), got " + v);
    }

    static void checkPositive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new IllegalArgumentException(name + " must be finite and > 0, got " + v);
    }
}
