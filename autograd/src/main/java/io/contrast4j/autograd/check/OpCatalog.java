package io.contrast4j.autograd.check;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Op;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Gradient-check cases for every differentiable primitive {@link Op} (broadcasting cases included) and for the ops
 * composed from them (mean, logsumexp, softmax, var, normalize, ...). Walked by the test suite and {@code c4j gradcheck}.
 */
public final class OpCatalog {
    private OpCatalog() {
    }

    /** All op cases, in a stable order. */
    public static List<GradCase> cases() {
        List<GradCase> c = new ArrayList<>();
        unary(c, "neg", Tensor::neg, 0);
        unary(c, "exp", Tensor::exp, 0);
        positive(c, "log", Tensor::log);
        positive(c, "log1p", Tensor::log1p);
        positive(c, "sqrt", Tensor::sqrt);
        unary(c, "abs", Tensor::abs, 0.05);
        unary(c, "relu", Tensor::relu, 0.05);
        unary(c, "leakyRelu", t -> t.leakyRelu(0.1), 0.05);
        unary(c, "sigmoid", Tensor::sigmoid, 0);
        unary(c, "tanh", Tensor::tanh, 0);
        unary(c, "gelu", Tensor::gelu, 0);
        unary(c, "softplus", Tensor::softplus, 0);
        positive(c, "powScalar", t -> t.pow(2.5));
        c.add(new GradCase("OP.clamp", s -> {
            Tensor x = awayFrom(randn(s, 4, 5), new double[]{-0.5, 0.5}, 0.05);
            return GradCase.Problem.of(Map.of("x", x), in -> in.get("x").clamp(-0.5, 0.5));
        }));
        unary(c, "affine", t -> t.affine(-1.5, 0.25), 0);
        unary(c, "scaleGrad", t -> t.scaleGrad(1.0).mul(t), 0);
        binary(c, "add", Tensor::add);
        binary(c, "sub", Tensor::sub);
        binary(c, "mul", Tensor::mul);
        c.add(new GradCase("OP.div", s -> {
            Tensor a = randn(s, 3, 4), b = positive(randn(s + 1, 4));
            return GradCase.Problem.of(map("a", a, "b", b), in -> in.get("a").div(in.get("b")));
        }));
        c.add(new GradCase("OP.pow", s -> {
            Tensor a = positive(randn(s, 3, 4)), b = randn(s + 1, 3, 1);
            return GradCase.Problem.of(map("a", a, "b", b), in -> in.get("a").pow(in.get("b")));
        }));
        c.add(new GradCase("OP.minimum", s -> separated(s, (a, b) -> a.minimum(b))));
        c.add(new GradCase("OP.maximum", s -> separated(s, (a, b) -> a.maximum(b))));
        c.add(new GradCase("OP.where", s -> {
            Tensor m = randn(s + 2, 3, 4).gt(0.0);
            return new GradCase.Problem(map("mask", m, "a", randn(s, 3, 4), "b", randn(s + 1, 4)), Map.of(), Set.of("mask"),
                    in -> Tensor.where(in.get("mask"), in.get("a"), in.get("b")));
        }));
        c.add(new GradCase("OP.sum", s -> GradCase.Problem.of(Map.of("x", randn(s, 2, 3, 4)),
                in -> in.get("x").sum(new int[]{0, 2}, true).mul(in.get("x").sum(new int[]{1}, false).sum()))));
        c.add(new GradCase("OP.max", s -> GradCase.Problem.of(Map.of("x", randn(s, 3, 5)),
                in -> in.get("x").max(new int[]{1}, false).add(in.get("x").max()))));
        c.add(new GradCase("OP.min", s -> GradCase.Problem.of(Map.of("x", randn(s, 3, 5)),
                in -> in.get("x").min(new int[]{0}, true))));
        c.add(new GradCase("OP.matmul", s -> GradCase.Problem.of(map("a", randn(s, 3, 4), "b", randn(s + 1, 4, 5)),
                in -> in.get("a").matmul(in.get("b")))));
        c.add(new GradCase("OP.matmul.transposed", s -> GradCase.Problem.of(map("a", randn(s, 4, 3), "b", randn(s + 1, 5, 4)),
                in -> in.get("a").matmul(in.get("b"), true, true))));
        c.add(new GradCase("OP.matmul.batched", s -> GradCase.Problem.of(map("a", randn(s, 2, 3, 4), "b", randn(s + 1, 4, 5)),
                in -> in.get("a").matmul(in.get("b")))));
        c.add(new GradCase("OP.matmul.batchedNT", s -> GradCase.Problem.of(map("a", randn(s, 2, 3, 4), "b", randn(s + 1, 2, 5, 4)),
                in -> in.get("a").matmul(in.get("b"), false, true))));
        c.add(new GradCase("OP.reshape", s -> GradCase.Problem.of(Map.of("x", randn(s, 2, 6)),
                in -> in.get("x").reshape(3, -1).exp())));
        c.add(new GradCase("OP.permute", s -> GradCase.Problem.of(Map.of("x", randn(s, 2, 3, 4)),
                in -> in.get("x").permute(2, 0, 1).mul(randn(s + 1, 4, 2, 3)))));
        c.add(new GradCase("OP.broadcastTo", s -> GradCase.Problem.of(Map.of("x", randn(s, 3, 1)),
                in -> in.get("x").broadcastTo(2, 3, 4).mul(randn(s + 1, 2, 3, 4)))));
        c.add(new GradCase("OP.slice", s -> GradCase.Problem.of(Map.of("x", randn(s, 4, 5)),
                in -> in.get("x").slice(1, 1, 4).mul(in.get("x").slice(0, 0, 2).slice(1, 0, 3).sum()))));
        c.add(new GradCase("OP.concat", s -> GradCase.Problem.of(map("a", randn(s, 2, 3), "b", randn(s + 1, 2, 2)),
                in -> Tensor.concat(List.of(in.get("a"), in.get("b"), in.get("a")), 1).exp())));
        c.add(new GradCase("OP.stack", s -> GradCase.Problem.of(map("a", randn(s, 2, 3), "b", randn(s + 1, 2, 3)),
                in -> Tensor.stack(List.of(in.get("a"), in.get("b")), 1).tanh())));
        c.add(new GradCase("OP.indexSelect", s -> GradCase.Problem.of(Map.of("x", randn(s, 4, 3)),
                in -> in.get("x").indexSelect(0, 2, 0, 2, 3).exp())));
        c.add(new GradCase("OP.gather", s -> GradCase.Problem.of(Map.of("x", randn(s, 3, 4)),
                in -> in.get("x").gather(1, Tensor.ofInts(new int[]{0, 3, 1, 1, 2, 2}, 3, 2)).exp())));
        c.add(new GradCase("OP.scatterAdd", s -> GradCase.Problem.of(map("x", randn(s, 3, 4), "src", randn(s + 1, 3, 2)),
                in -> in.get("x").scatterAdd(1, Tensor.ofInts(new int[]{0, 3, 1, 1, 2, 0}, 3, 2), in.get("src")).tanh())));
        // composed ops
        c.add(new GradCase("OP.mean", s -> GradCase.Problem.of(Map.of("x", randn(s, 3, 4)), in -> in.get("x").mean(new int[]{1}, false))));
        c.add(new GradCase("OP.logsumexp", s -> GradCase.Problem.of(Map.of("x", randn(s, 3, 4).mul(3)), in -> in.get("x").logsumexp(1))));
        c.add(new GradCase("OP.softmax", s -> GradCase.Problem.of(Map.of("x", randn(s, 3, 4)), in -> in.get("x").softmax(1))));
        c.add(new GradCase("OP.logSoftmax", s -> GradCase.Problem.of(Map.of("x", randn(s, 3, 4)), in -> in.get("x").logSoftmax(0))));
        c.add(new GradCase("OP.var", s -> GradCase.Problem.of(Map.of("x", randn(s, 3, 4)), in -> in.get("x").var(new int[]{1}, false, 1))));
        c.add(new GradCase("OP.normalize", s -> GradCase.Problem.of(Map.of("x", randn(s, 3, 4)), in -> in.get("x").normalize(1))));
        return c;
    }

    /** Which primitive {@link Op} each case exercises (a case may cover several). */
    public static Map<Op, String> coverage() {
        Map<Op, String> m = new LinkedHashMap<>();
        for (GradCase gc : cases()) {
            String name = gc.id().substring(3).split("\\.")[0];
            for (Op op : Op.values()) if (op.label().equals(name)) m.put(op, gc.id());
        }
        m.put(Op.POW, "OP.pow");
        // F64 -> F32 -> F64 cannot be checked by finite differences (h is below F32 resolution):
        // its gradient rule is checked exactly by TensorTest.castGradientIsConvertedBack.
        m.put(Op.CAST, "TensorTest.castGradientIsConvertedBack");
        m.putIfAbsent(Op.SLICE_BACKWARD, "OP.slice");
        m.putIfAbsent(Op.GATHER_BACKWARD, "OP.gather");
        m.putIfAbsent(Op.INDEX_SELECT_BACKWARD, "OP.indexSelect");
        return m;
    }

    /** Differentiable ops without a case (the suite asserts this is empty). */
    public static Set<Op> uncovered() {
        Set<Op> s = EnumSet.noneOf(Op.class);
        Map<Op, String> cov = coverage();
        for (Op op : Op.values()) if (op.differentiable() && !cov.containsKey(op)) s.add(op);
        return s;
    }

    // ---- input helpers

    public static Tensor randn(long seed, int... shape) {
        return Tensor.randn(DType.F64, new Rng(seed), shape);
    }

    private static Tensor positive(Tensor t) {
        return t.abs().add(0.5);
    }

    /** Moves entries within {@code gap} of any of {@code points} to distance {@code gap} (off kinks). */
    public static Tensor awayFrom(Tensor t, double[] points, double gap) {
        double[] v = t.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            for (double p : points) {
                if (Math.abs(v[i] - p) < gap) v[i] = p + (v[i] >= p ? gap : -gap);
            }
        }
        return Tensor.of(v, t.shape());
    }

    private static Map<String, Tensor> map(Object... kv) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Tensor) kv[i + 1]);
        return m;
    }

    private static void unary(List<GradCase> c, String name, Function<Tensor, Tensor> f, double kinkGap) {
        c.add(new GradCase("OP." + name, s -> {
            Tensor x = randn(s, 3, 4);
            if (kinkGap > 0) x = awayFrom(x, new double[]{0}, kinkGap);
            return GradCase.Problem.of(Map.of("x", x), in -> f.apply(in.get("x")));
        }));
    }

    private static void positive(List<GradCase> c, String name, Function<Tensor, Tensor> f) {
        c.add(new GradCase("OP." + name, s -> GradCase.Problem.of(Map.of("x", positive(randn(s, 3, 4))), in -> f.apply(in.get("x")))));
    }

    private static void binary(List<GradCase> c, String name, java.util.function.BinaryOperator<Tensor> f) {
        c.add(new GradCase("OP." + name, s -> GradCase.Problem.of(map("a", randn(s, 2, 3, 4), "b", randn(s + 1, 3, 1)),
                in -> f.apply(in.get("a"), in.get("b")))));
    }

    private static GradCase.Problem separated(long s, java.util.function.BinaryOperator<Tensor> f) {
        Tensor a = randn(s, 3, 4);
        double[] av = a.toDoubleArray(), bv = randn(s + 1, 3, 4).toDoubleArray();
        for (int i = 0; i < av.length; i++) if (Math.abs(av[i] - bv[i]) < 0.05) bv[i] = av[i] + 0.1;
        return GradCase.Problem.of(map("a", a, "b", Tensor.of(bv, 3, 4)), in -> f.apply(in.get("a"), in.get("b")));
    }
}
