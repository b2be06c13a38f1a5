package io.contrast4j.autograd.check;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.HostStorage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Float64 gradient check by central differences: for every element x of every checked input,
 * numeric = (f(x+h) − f(x−h)) / 2h with h = 1e-6·max(1, |x|), and the check passes when
 * |analytic − numeric| ≤ 1e-5 + 1e-3·|numeric|. A non-scalar output is reduced to Σ out·w with fixed random w.
 *
 * <p>Usable on any user function: {@code GradCheck.check("mine", in -> in.get("x").tanh().sum(), Map.of("x", x))}.
 */
public final class GradCheck {
    public static final double EPS = 1e-6;
    public static final double ATOL = 1e-5;
    public static final double RTOL = 1e-3;

    private GradCheck() {
    }

    /** Worst element of one checked tensor. */
    public record InputReport(String name, int worstIndex, double analytic, double numeric, double absError,
                              double relError, boolean passed) {
    }

    /** The result of one check: passed when every input passed. */
    public record Report(String id, List<InputReport> inputs, boolean passed) {
        public double worstAbs() {
            return inputs.stream().mapToDouble(InputReport::absError).max().orElse(0);
        }

        public double worstRel() {
            return inputs.stream().mapToDouble(InputReport::relError).max().orElse(0);
        }

        /** A short line naming the worst failing element, for assertion messages. */
        public String summary() {
            StringBuilder sb = new StringBuilder(id).append(passed ? ": ok" : ": FAILED");
            for (InputReport r : inputs) {
                sb.append(String.format(java.util.Locale.ROOT, "\n  %-12s worst[%d] analytic=%.8g numeric=%.8g abs=%.3g rel=%.3g %s",
                        r.name, r.worstIndex, r.analytic, r.numeric, r.absError, r.relError, r.passed ? "ok" : "FAIL"));
            }
            return sb.toString();
        }
    }

    /** Checks {@code f} with respect to every floating-point entry of {@code inputs}. */
    public static Report check(String id, Function<Map<String, Tensor>, Tensor> f, Map<String, Tensor> inputs) {
        return check(id, f, inputs, Map.of(), Set.of());
    }

    /**
     * Checks {@code f} with respect to the floating-point inputs (except {@code frozen}) and to {@code parameters}
     * (tensors captured by {@code f}, such as learnable proxies, perturbed in place).
     */
    public static Report check(String id, Function<Map<String, Tensor>, Tensor> f, Map<String, Tensor> inputs,
                               Map<String, Tensor> parameters, Set<String> frozen) {
        Map<String, Tensor> leaves = new LinkedHashMap<>();
        List<String> checked = new ArrayList<>();
        for (var e : inputs.entrySet()) {
            Tensor t = e.getValue();
            if (t.dtype() == DType.F32) throw new IllegalArgumentException("GradCheck needs F64 inputs; '" + e.getKey() + "' is F32");
            Tensor leaf = Tensor.wrap(t.host().copy(), t.shape());
            if (t.dtype() == DType.F64 && !frozen.contains(e.getKey())) {
                leaf.requiresGrad(true);
                checked.add(e.getKey());
            }
            leaves.put(e.getKey(), leaf);
        }
        for (var e : parameters.entrySet()) {
            if (e.getValue().dtype() != DType.F64) throw new IllegalArgumentException("GradCheck needs F64 parameters; '" + e.getKey() + "' is " + e.getValue().dtype());
            e.getValue().requiresGrad(true);
            e.getValue().zeroGrad();
        }
        Tensor out = f.apply(leaves);
        Tensor w = weightsFor(out);
        Tensor loss = out.mul(w).sum();
        if (!loss.requiresGrad()) {
            // the function does not depend on any checked input: all analytic gradients are zero
            for (String k : checked) leaves.get(k).setGrad(Tensor.zeros(DType.F64, leaves.get(k).shape()));
        } else {
            loss.backward();
        }
        List<InputReport> reports = new ArrayList<>();
        for (String name : checked) {
            Tensor leaf = leaves.get(name);
            reports.add(compare(name, leaf.grad(), leaf, () -> evaluate(f, leaves, w)));
        }
        for (var e : parameters.entrySet()) {
            Tensor p = e.getValue();
            reports.add(compare(e.getKey(), p.grad(), p, () -> evaluate(f, leaves, w)));
            p.zeroGrad();
        }
        boolean ok = reports.stream().allMatch(InputReport::passed);
        return new Report(id, reports, ok);
    }

    private static Tensor weightsFor(Tensor out) {
        if (out.numel() == 1) return Tensor.ones(DType.F64, out.shape());
        return Tensor.rand(DType.F64, new Rng(0x5EEDL), 0.5, 1.5, out.shape());
    }

    private static double evaluate(Function<Map<String, Tensor>, Tensor> f, Map<String, Tensor> leaves, Tensor w) {
        try (var g = Grad.off()) {
            return f.apply(leaves).mul(w).sum().item();
        }
    }

    /**
     * Perturbs {@code t} element by element (on a host copy that replaces its storage, so device-resident parameters
     * are perturbed too) and compares the numeric with the analytic gradient.
     */
    private static InputReport compare(String name, Tensor grad, Tensor t, java.util.function.DoubleSupplier eval) {
        HostStorage x = t.host();
        if (t.storage() != x) t.assign(x);
        double[] a = grad == null ? new double[x.size()] : grad.toDoubleArray();
        int worst = -1;
        double worstA = 0, worstN = 0, worstAbs = 0, worstRel = 0, worstScore = -1;
        boolean ok = true;
        for (int i = 0; i < x.d.length; i++) {
            double x0 = x.d[i];
            double h = EPS * Math.max(1, Math.abs(x0));
            x.d[i] = x0 + h;
            double fp = eval.getAsDouble();
            x.d[i] = x0 - h;
            double fm = eval.getAsDouble();
            x.d[i] = x0;
            double num = (fp - fm) / (2 * h);
            double abs = Math.abs(a[i] - num);
            boolean pass = abs <= ATOL + RTOL * Math.abs(num) && Double.isFinite(a[i]) && Double.isFinite(num);
            double score = abs / (ATOL + RTOL * Math.abs(num));
            if (!Double.isFinite(score)) score = Double.MAX_VALUE;
            if (score > worstScore) {
                worstScore = score;
                worst = i;
                worstA = a[i];
                worstN = num;
                worstAbs = abs;
                worstRel = abs / Math.max(Math.abs(num), 1e-300);
            }
            ok &= pass;
        }
        return new InputReport(name, worst, worstA, worstN, worstAbs, Math.min(worstRel, Double.MAX_VALUE), ok);
    }
}
