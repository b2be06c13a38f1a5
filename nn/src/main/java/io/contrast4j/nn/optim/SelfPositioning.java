package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.HostStorage;
import io.contrast4j.nn.Module;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Self Positioning, learned task-vector merging (catalog O06, T2; Li et al., <i>Improving General Text Embedding
 * Model: Tackling Task Conflict and Data Imbalance through Model Merging</i>, 2024): θ(α) = θ₀ + Σ_k α_{k,g}(θ_k − θ₀)
 * with one coefficient per task vector k and parameter group g ({@code groupOf} maps a parameter name to its group,
 * e.g. its layer; a single group = one α per task); the few α are fitted by gradient descent on a small probe
 * loss (L101 on mixed tasks) plus the regulariser λ‖α‖² (caller's λ, default 0). ∂L/∂α_{k,g} = Σ_{p∈g} ⟨∂L/∂θ_p,
 * θ_{k,p} − θ_{0,p}⟩ (exact chain rule: θ(α) is loaded into the model, one backward gives ∂L/∂θ). α starts at 1/K
 * (uniform task arithmetic); defaults lr 0.01, 100 steps (caller's). The abstract confirms the "SGD over the
 * interpolation space of task vectors"; the per-group split and the regulariser follow CATALOG.md (formula not
 * verified against the paper).
 */
public final class SelfPositioning {
    private final Map<String, Tensor> base;
    private final List<Map<String, Tensor>> tasks;
    private final List<String> groups = new ArrayList<>();
    private final Map<String, Integer> groupIndex = new LinkedHashMap<>();
    private final Map<String, Integer> paramGroup = new LinkedHashMap<>();
    private final double[][] alpha; // [K][G]

    public SelfPositioning(Map<String, Tensor> base, List<Map<String, Tensor>> tasks, Function<String, String> groupOf) {
        if (tasks.isEmpty()) throw new IllegalArgumentException("SelfPositioning: need at least one task model");
        for (int k = 0; k < tasks.size(); k++) {
            for (var e : base.entrySet()) {
                Tensor t = tasks.get(k).get(e.getKey());
                if (t == null) throw new IllegalArgumentException("SelfPositioning: task model " + k + " has no parameter '" + e.getKey() + "'");
                if (!Arrays.equals(t.shape(), e.getValue().shape())) throw new IllegalArgumentException("SelfPositioning: task model " + k + " '" + e.getKey() + "' shape " + Arrays.toString(t.shape()) + " != " + Arrays.toString(e.getValue().shape()));
            }
        }
        this.base = new LinkedHashMap<>(base);
        this.tasks = List.copyOf(tasks);
        for (String name : base.keySet()) {
            String g = groupOf.apply(name);
            if (!groupIndex.containsKey(g)) {
                groupIndex.put(g, groups.size());
                groups.add(g);
            }
            paramGroup.put(name, groupIndex.get(g));
        }
        alpha = new double[tasks.size()][groups.size()];
        for (double[] row : alpha) Arrays.fill(row, 1.0 / tasks.size());
    }

    /** One α per task (all parameters in one group). */
    public SelfPositioning(Map<String, Tensor> base, List<Map<String, Tensor>> tasks) {
        this(base, tasks, n -> "all");
    }

    public List<String> groups() {
        return List.copyOf(groups);
    }

    /** A copy of α {@code [K][G]}. */
    public double[][] alpha() {
        double[][] a = new double[alpha.length][];
        for (int k = 0; k < a.length; k++) a[k] = alpha[k].clone();
        return a;
    }

    public void setAlpha(double[][] a) {
        if (a.length != alpha.length) throw new IllegalArgumentException("setAlpha: " + a.length + " rows for " + alpha.length + " tasks");
        for (int k = 0; k < a.length; k++) {
            if (a[k].length != groups.size()) throw new IllegalArgumentException("setAlpha: row " + k + " has " + a[k].length + " entries for " + groups.size() + " groups");
            alpha[k] = a[k].clone();
        }
    }

    /** θ(α) as new tensors. */
    public Map<String, Tensor> merged() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var e : base.entrySet()) {
            int g = paramGroup.get(e.getKey());
            HostStorage h0 = e.getValue().host(), r = HostStorage.zeros(e.getValue().dtype(), h0.size());
            for (int i = 0; i < h0.size(); i++) {
                double v = h0.get(i);
                for (int k = 0; k < tasks.size(); k++) v += alpha[k][g] * (tasks.get(k).get(e.getKey()).host().get(i) - h0.get(i));
                r.set(i, v);
            }
            out.put(e.getKey(), Tensor.wrap(r, e.getValue().shape()));
        }
        return out;
    }

    /** Loads θ(α) into {@code model} and returns the probe loss and ∂(loss + λ‖α‖²)/∂α {@code [K][G]}. */
    public Gradient gradient(Module model, Supplier<Tensor> probeLoss, double l2) {
        ModelSoup.load(model, merged());
        model.zeroGrad();
        Tensor loss = probeLoss.get();
        loss.backward();
        Map<String, Tensor> ps = model.namedParameters();
        double[][] g = new double[alpha.length][groups.size()];
        for (var e : base.entrySet()) {
            Tensor p = ps.get(e.getKey());
            if (p == null) throw new IllegalArgumentException("SelfPositioning: the model has no parameter '" + e.getKey() + "'");
            if (p.grad() == null) continue;
            int gi = paramGroup.get(e.getKey());
            double[] gv = p.grad().toDoubleArray(), b0 = e.getValue().toDoubleArray();
            for (int k = 0; k < tasks.size(); k++) {
                double[] tk = tasks.get(k).get(e.getKey()).toDoubleArray();
                double s = 0;
                for (int i = 0; i < gv.length; i++) s += gv[i] * (tk[i] - b0[i]);
                g[k][gi] += s;
            }
        }
        for (int k = 0; k < alpha.length; k++) for (int j = 0; j < groups.size(); j++) g[k][j] += 2 * l2 * alpha[k][j];
        model.zeroGrad();
        return new Gradient(loss.item(), g);
    }

    /** Probe loss at the current α and its gradient. */
    public record Gradient(double loss, double[][] dAlpha) {
    }

    /** {@code steps} plain gradient steps α ← α − lr·∂/∂α; leaves θ(α_final) loaded in the model; returns the last probe loss. */
    public double fit(Module model, Supplier<Tensor> probeLoss, int steps, double lr, double l2) {
        if (steps < 0 || !(lr > 0)) throw new IllegalArgumentException("SelfPositioning.fit: steps must be >= 0 and lr > 0, got " + steps + ", " + lr);
        double last = Double.NaN;
        for (int s = 0; s < steps; s++) {
            Gradient gr = gradient(model, probeLoss, l2);
            last = gr.loss();
            for (int k = 0; k < alpha.length; k++) for (int j = 0; j < groups.size(); j++) alpha[k][j] -= lr * gr.dAlpha()[k][j];
        }
        ModelSoup.load(model, merged());
        return last;
    }
}
