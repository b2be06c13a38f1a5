package io.contrast4j.tests.opencl;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Op;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.Backend;
import io.contrast4j.autograd.backend.Backends;
import io.contrast4j.autograd.backend.ScalarBackend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@link Op} of the tape, forward and backward, on the OpenCL backend equals the scalar backend. The case table
 * must cover every constant of {@link Op} (the *_BACKWARD ops are the kernels that run inside the backward of the
 * case named next to them).
 */
class TensorOpEquivalenceTest {
    /** One case: inputs (built from a seed on the host), the function, and the ops it exercises. */
    private record Case(String name, Set<Op> ops, Function<Long, List<Tensor>> inputs, Function<List<Tensor>, Tensor> f) {
    }

    private static Tensor randn(DType t, long seed, int... shape) {
        return Tensor.randn(t, new Rng(seed), shape);
    }

    private static Tensor positive(DType t, long seed, int... shape) {
        return randn(t, seed, shape).abs().add(0.5);
    }

    private static List<Case> cases(DType t) {
        List<Case> c = new ArrayList<>();
        Function<Long, List<Tensor>> one = s -> List.of(randn(t, s, 3, 5));
        Function<Long, List<Tensor>> pos = s -> List.of(positive(t, s, 3, 5));
        Function<Long, List<Tensor>> two = s -> List.of(randn(t, s, 2, 3, 5), randn(t, s + 1, 3, 1));
        c.add(new Case("abs", EnumSet.of(Op.ABS, Op.SIGN), one, x -> x.get(0).abs()));
        c.add(new Case("neg", EnumSet.of(Op.NEG), one, x -> x.get(0).neg()));
        c.add(new Case("exp", EnumSet.of(Op.EXP), one, x -> x.get(0).exp()));
        c.add(new Case("log", EnumSet.of(Op.LOG), pos, x -> x.get(0).log()));
        c.add(new Case("log1p", EnumSet.of(Op.LOG1P), pos, x -> x.get(0).log1p()));
        c.add(new Case("sqrt", EnumSet.of(Op.SQRT), pos, x -> x.get(0).sqrt()));
        c.add(new Case("relu", EnumSet.of(Op.RELU), one, x -> x.get(0).relu()));
        c.add(new Case("leakyRelu", EnumSet.of(Op.LEAKY_RELU), one, x -> x.get(0).leakyRelu(0.2)));
        c.add(new Case("sigmoid", EnumSet.of(Op.SIGMOID), one, x -> x.get(0).sigmoid()));
        c.add(new Case("tanh", EnumSet.of(Op.TANH), one, x -> x.get(0).tanh()));
        c.add(new Case("gelu", EnumSet.of(Op.GELU), one, x -> x.get(0).gelu()));
        c.add(new Case("softplus", EnumSet.of(Op.SOFTPLUS), one, x -> x.get(0).softplus()));
        c.add(new Case("powScalar", EnumSet.of(Op.POW), pos, x -> x.get(0).pow(2.5)));
        c.add(new Case("clamp", EnumSet.of(Op.CLAMP, Op.GE, Op.LE), one, x -> x.get(0).clamp(-0.5, 0.7)));
        c.add(new Case("affine", EnumSet.of(Op.AFFINE), one, x -> x.get(0).affine(-1.5, 0.25)));
        c.add(new Case("scaleGrad", EnumSet.of(Op.SCALE_GRAD), one, x -> x.get(0).scaleGrad(-2).mul(x.get(0))));
        c.add(new Case("cast", EnumSet.of(Op.CAST), one,
                x -> x.get(0).to(t == DType.F32 ? DType.F64 : DType.F32).exp().to(t)));
        c.add(new Case("add", EnumSet.of(Op.ADD), two, x -> x.get(0).add(x.get(1))));
        c.add(new Case("sub", EnumSet.of(Op.SUB), two, x -> x.get(0).sub(x.get(1))));
        c.add(new Case("mul", EnumSet.of(Op.MUL), two, x -> x.get(0).mul(x.get(1))));
        c.add(new Case("div", EnumSet.of(Op.DIV), s -> List.of(randn(t, s, 2, 3, 5), positive(t, s + 1, 3, 1)),
                x -> x.get(0).div(x.get(1))));
        c.add(new Case("pow", EnumSet.of(Op.POW), s -> List.of(positive(t, s, 3, 5), randn(t, s + 1, 5)),
                x -> x.get(0).pow(x.get(1))));
        c.add(new Case("minimum", EnumSet.of(Op.MINIMUM, Op.LE), two, x -> x.get(0).minimum(x.get(1))));
        c.add(new Case("maximum", EnumSet.of(Op.MAXIMUM, Op.GE), two, x -> x.get(0).maximum(x.get(1))));
        c.add(new Case("compare", EnumSet.of(Op.GT, Op.GE, Op.LT, Op.LE, Op.EQ), two, x -> {
            Tensor a = x.get(0).detach(), b = x.get(1).detach();
            return a.gt(b).add(a.ge(b).mul(2)).add(a.lt(b).mul(4)).add(a.le(b).mul(8)).add(a.eq(a.mul(1)).mul(16)).add(x.get(0));
        }));
        c.add(new Case("where", EnumSet.of(Op.WHERE, Op.GT), s -> List.of(randn(t, s, 3, 5), randn(t, s + 1, 5), randn(t, s + 2, 3, 5)),
                x -> Tensor.where(x.get(2).gt(0.0), x.get(0), x.get(1))));
        c.add(new Case("sum", EnumSet.of(Op.SUM), s -> List.of(randn(t, s, 2, 3, 4)),
                x -> x.get(0).sum(new int[] {0, 2}, true).mul(x.get(0).sum(new int[] {1}, false).sum())));
        c.add(new Case("max", EnumSet.of(Op.MAX, Op.EQ), one, x -> x.get(0).max(new int[] {1}, false).add(x.get(0).max())));
        c.add(new Case("min", EnumSet.of(Op.MIN, Op.EQ), one, x -> x.get(0).min(new int[] {0}, true)));
        c.add(new Case("matmul", EnumSet.of(Op.MATMUL), s -> List.of(randn(t, s, 2, 3, 17), randn(t, s + 1, 17, 5)),
                x -> x.get(0).matmul(x.get(1)).add(x.get(0).matmul(x.get(0), false, true).sum(new int[] {2}, true))));
        c.add(new Case("reshape", EnumSet.of(Op.RESHAPE), one, x -> x.get(0).reshape(5, -1).exp()));
        c.add(new Case("permute", EnumSet.of(Op.PERMUTE), s -> List.of(randn(t, s, 2, 3, 4)), x -> x.get(0).permute(2, 0, 1).tanh()));
        c.add(new Case("broadcastTo", EnumSet.of(Op.BROADCAST_TO), s -> List.of(randn(t, s, 3, 1)),
                x -> x.get(0).broadcastTo(2, 3, 4).mul(randn(t, 77, 2, 3, 4))));
        c.add(new Case("slice", EnumSet.of(Op.SLICE, Op.SLICE_BACKWARD), one,
                x -> x.get(0).slice(1, 1, 4).mul(x.get(0).slice(0, 0, 2).slice(1, 0, 3).sum())));
        c.add(new Case("concat", EnumSet.of(Op.CONCAT), s -> List.of(randn(t, s, 2, 3), randn(t, s + 1, 2, 2)),
                x -> Tensor.concat(List.of(x.get(0), x.get(1), x.get(0)), 1).exp()));
        c.add(new Case("indexSelect", EnumSet.of(Op.INDEX_SELECT, Op.INDEX_SELECT_BACKWARD), s -> List.of(randn(t, s, 4, 3)),
                x -> x.get(0).indexSelect(0, 2, 0, 2, 3).exp()));
        c.add(new Case("gather", EnumSet.of(Op.GATHER, Op.GATHER_BACKWARD), s -> List.of(randn(t, s, 3, 4)),
                x -> x.get(0).gather(1, Tensor.ofInts(new int[] {0, 3, 1, 1, 2, 2}, 3, 2)).exp()));
        c.add(new Case("scatterAdd", EnumSet.of(Op.SCATTER_ADD), s -> List.of(randn(t, s, 3, 4), randn(t, s + 1, 3, 2)),
                x -> x.get(0).scatterAdd(1, Tensor.ofInts(new int[] {0, 3, 1, 1, 2, 0}, 3, 2), x.get(1)).tanh()));
        c.add(new Case("topk+softmax", EnumSet.of(Op.GATHER), s -> List.of(randn(t, s, 4, 9)),
                x -> x.get(0).gather(1, x.get(0).detach().topk(3, true)).softmax(1)));
        return c;
    }

    @Test
    void everyOpIsCovered() {
        Set<Op> covered = EnumSet.noneOf(Op.class);
        for (Case c : cases(DType.F64)) covered.addAll(c.ops());
        Set<Op> missing = EnumSet.allOf(Op.class);
        missing.removeAll(covered);
        assertTrue(missing.isEmpty(), "ops without an equivalence case: " + missing);
    }

    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            for (long seed : new long[] {3, 4}) out.add(Arguments.of(t, seed));
        }
        return out.stream();
    }

    /** Output and the gradient of every input, computed on {@code b}. */
    private static List<double[]> evaluate(Backend b, Case c, long seed, boolean onDevice) {
        List<Tensor> in = new ArrayList<>();
        for (Tensor t : c.inputs().apply(seed)) in.add(Tensor.wrap(t.host().copy(), t.shape()).requiresGrad(true));
        try (var s = Backends.use(b)) {
            Tensor out = c.f().apply(in);
            if (onDevice) assertFalse(out.storage().isHost(), c.name() + ": output left the device");
            Tensor w = Tensor.rand(out.dtype(), new Rng(99), 0.5, 1.5, out.shape());
            out.mul(w).sum().backward();
            List<double[]> r = new ArrayList<>();
            r.add(out.toDoubleArray());
            for (Tensor x : in) {
                if (x.grad() == null) { // input that the function uses without a gradient path (a mask)
                    r.add(new double[0]);
                    continue;
                }
                if (onDevice) assertFalse(x.grad().storage().isHost(), c.name() + ": gradient left the device");
                r.add(x.grad().toDoubleArray());
            }
            return r;
        }
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("runs")
    void forwardAndBackwardMatchScalar(DType t, long seed) {
        Backend ocl = OpenClTestSupport.backend(t);
        for (Case c : cases(t)) {
            List<double[]> e = evaluate(ScalarBackend.INSTANCE, c, seed, false);
            List<double[]> a = evaluate(ocl, c, seed, true);
            assertEquals(e.size(), a.size());
            for (int i = 0; i < e.size(); i++) {
                OpenClTestSupport.assertClose(t, e.get(i), a.get(i), 4, 256,
                        c.name() + (i == 0 ? " output" : " grad of input " + (i - 1)) + " " + t + " seed=" + seed);
            }
        }
    }

    @Test
    void caseNamesAreUnique() {
        Map<String, Case> m = new LinkedHashMap<>();
        for (Case c : cases(DType.F64)) assertEquals(null, m.put(c.name(), c), "duplicate case " + c.name());
    }
}
