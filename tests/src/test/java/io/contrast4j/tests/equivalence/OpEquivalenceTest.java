package io.contrast4j.tests.equivalence;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Op;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.Backends;
import io.contrast4j.autograd.backend.HostStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Every {@link Op} through the public {@link Tensor} API: forward values and the gradients of a weighted sum agree
 * between the vector and the scalar backend, F32 and F64, over seeded inputs. {@link #everyOpHasACase()} fails
 * when a new Op is added without an equivalence case here.
 */
class OpEquivalenceTest {
    /** A leaf input: its shape and value domain ('n' normal, 'p' positive, 'l' small integer levels). */
    record Leaf(int[] shape, char domain) {
    }

    /** Inputs, the expression, and the reduction length used to scale the tolerance. */
    record Case(List<Leaf> leaves, double len, Function<List<Tensor>, Tensor> f) {
    }

    private static Leaf n(int... shape) {
        return new Leaf(shape, 'n');
    }

    private static Leaf p(int... shape) {
        return new Leaf(shape, 'p');
    }

    private static Leaf l(int... shape) {
        return new Leaf(shape, 'l');
    }

    private static Case c(double len, Function<List<Tensor>, Tensor> f, Leaf... leaves) {
        return new Case(List.of(leaves), len, f);
    }

    private static Tensor idx(int[] v, int... shape) {
        return Tensor.ofInts(v, shape);
    }

    private static int[] idxValues(int n, int bound) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = (i * 7 + 3) % bound;
        return v;
    }

    static final Map<Op, Case> CASES = new EnumMap<>(Op.class);

    static {
        CASES.put(Op.ABS, c(1, t -> t.get(0).abs(), n(7, 17)));
        CASES.put(Op.ADD, c(1, t -> t.get(0).add(t.get(1)), n(3, 7, 17), n(17)));
        CASES.put(Op.AFFINE, c(4, t -> t.get(0).affine(-1.5, 0.25), n(1023)));
        CASES.put(Op.BROADCAST_TO, c(1, t -> t.get(0).broadcastTo(3, 17, 16), n(17, 1)));
        CASES.put(Op.CAST, c(1, t -> t.get(0).to(t.get(0).dtype() == DType.F32 ? DType.F64 : DType.F32).exp(), n(7, 16)));
        CASES.put(Op.CLAMP, c(1, t -> t.get(0).clamp(-0.5, 0.75), n(4096)));
        CASES.put(Op.CONCAT, c(1, t -> Tensor.concat(List.of(t.get(0), t.get(1), t.get(0)), 1), n(3, 7), n(3, 16)));
        CASES.put(Op.DIV, c(1, t -> t.get(0).div(t.get(1)), n(17, 16), p(17, 1)));
        CASES.put(Op.EQ, c(1, t -> t.get(0).eq(t.get(1)), l(7, 17), l(17)));
        CASES.put(Op.EXP, c(1, t -> t.get(0).exp(), n(1023)));
        CASES.put(Op.GATHER, c(1, t -> t.get(0).gather(1, idx(idxValues(3 * 9 * 5, 16), 3, 9, 5)), n(3, 16, 5)));
        CASES.put(Op.GATHER_BACKWARD, CASES.get(Op.GATHER));
        CASES.put(Op.GE, c(1, t -> t.get(0).ge(t.get(1)), l(7, 17), l(7, 1)));
        CASES.put(Op.GELU, c(1, t -> t.get(0).gelu(), n(1023)));
        CASES.put(Op.GT, c(1, t -> t.get(0).gt(t.get(1)), l(7, 17), l(17)));
        CASES.put(Op.INDEX_SELECT, c(1, t -> t.get(0).indexSelect(1, idxValues(11, 17)), n(3, 17, 16)));
        CASES.put(Op.INDEX_SELECT_BACKWARD, CASES.get(Op.INDEX_SELECT));
        CASES.put(Op.LE, c(1, t -> t.get(0).le(t.get(1)), l(17), l(7, 17)));
        CASES.put(Op.LEAKY_RELU, c(1, t -> t.get(0).leakyRelu(0.1), n(4096)));
        CASES.put(Op.LOG, c(1, t -> t.get(0).log(), p(1023)));
        CASES.put(Op.LOG1P, c(1, t -> t.get(0).log1p(), p(1023)));
        CASES.put(Op.LT, c(1, t -> t.get(0).lt(t.get(1)), l(7, 17), l(7, 17)));
        CASES.put(Op.MATMUL, c(64, t -> t.get(0).matmul(t.get(1), true, false).add(t.get(2).matmul(t.get(3), false, true)),
                n(2, 33, 17), n(33, 16), n(17, 64), n(2, 16, 64)));
        CASES.put(Op.MAX, c(17, t -> t.get(0).max(1).add(t.get(0).max()), n(7, 17)));
        CASES.put(Op.MAXIMUM, c(1, t -> t.get(0).maximum(t.get(1)), n(7, 17), n(17)));
        CASES.put(Op.MIN, c(17, t -> t.get(0).min(new int[]{0}, true), n(17, 16)));
        CASES.put(Op.MINIMUM, c(1, t -> t.get(0).minimum(t.get(1)), n(7, 1), n(7, 17)));
        CASES.put(Op.MUL, c(1, t -> t.get(0).mul(t.get(1)), n(2, 17, 16), n(17, 1)));
        CASES.put(Op.NEG, c(1, t -> t.get(0).neg(), n(17)));
        CASES.put(Op.PERMUTE, c(1, t -> t.get(0).permute(2, 0, 1), n(3, 17, 16)));
        CASES.put(Op.POW, c(8, t -> t.get(0).pow(t.get(1)).add(t.get(0).pow(2.5)), p(7, 17), n(17)));
        CASES.put(Op.RELU, c(1, t -> t.get(0).relu(), n(1023)));
        CASES.put(Op.RESHAPE, c(1, t -> t.get(0).reshape(16, -1).tanh(), n(17, 16)));
        CASES.put(Op.SCALE_GRAD, c(1, t -> t.get(0).scaleGrad(0.5).mul(t.get(0)), n(7, 17)));
        CASES.put(Op.SCATTER_ADD, c(4, t -> t.get(0).scatterAdd(1, idx(idxValues(3 * 9, 16), 3, 9), t.get(1)), n(3, 16), n(3, 9)));
        CASES.put(Op.SIGMOID, c(1, t -> t.get(0).sigmoid(), n(4096)));
        CASES.put(Op.SIGN, c(1, t -> t.get(0).sign(), l(1023)));
        CASES.put(Op.SLICE, c(1, t -> t.get(0).slice(1, 2, 9).mul(t.get(0).slice(0, 1, 2).sum()), n(3, 17)));
        CASES.put(Op.SLICE_BACKWARD, CASES.get(Op.SLICE));
        CASES.put(Op.SOFTPLUS, c(1, t -> t.get(0).softplus(), n(1023)));
        CASES.put(Op.SQRT, c(1, t -> t.get(0).sqrt(), p(1023)));
        CASES.put(Op.SUB, c(1, t -> t.get(0).sub(t.get(1)), n(16, 1), n(1, 17)));
        CASES.put(Op.SUM, c(272, t -> t.get(0).sum(new int[]{0, 2}, false).add(t.get(0).sum(new int[]{1}, true).sum()), n(3, 17, 16)));
        CASES.put(Op.TANH, c(1, t -> t.get(0).tanh(), n(4096)));
        CASES.put(Op.WHERE, c(1, t -> Tensor.where(t.get(0).gt(0.0), t.get(1), t.get(2)), n(7, 17), n(7, 17), n(17)));
    }

    @Test
    void everyOpHasACase() {
        assertEquals(EnumSet.allOf(Op.class), EnumSet.copyOf(CASES.keySet()), "ops without an equivalence case");
    }

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        for (Op op : Op.values()) for (DType dt : new DType[]{DType.F32, DType.F64}) for (long s : new long[]{1, 2}) a.add(Arguments.of(op, dt, s));
        return a.stream();
    }

    private static HostStorage values(Leaf leaf, DType dt, Rng r) {
        int size = Shape.numel(leaf.shape());
        return switch (leaf.domain()) {
            case 'p' -> Inputs.uniform(dt, r, size, 0.2, 3);
            case 'l' -> Inputs.levels(dt, r, size, 5);
            default -> Inputs.normal(dt, r, size, 1.5);
        };
    }

    /** Output and leaf gradients on one backend. */
    private static List<HostStorage> run(String backend, Case c, List<HostStorage> in, DType dt, long seed) {
        try (var scope = Backends.use(backend)) {
            List<Tensor> leaves = new ArrayList<>();
            for (int i = 0; i < in.size(); i++) leaves.add(Tensor.wrap(in.get(i).copy(), c.leaves().get(i).shape()).requiresGrad(true));
            Tensor out = c.f().apply(leaves);
            List<HostStorage> res = new ArrayList<>();
            res.add(out.host().copy());
            if (out.requiresGrad()) {
                Tensor w = Tensor.rand(out.dtype(), new Rng(seed + 99), 0.5, 1.5, out.shape());
                out.mul(w).sum().backward();
                for (Tensor t : leaves) res.add(t.grad() == null ? null : t.grad().host().copy());
            }
            return res;
        }
    }

    @ParameterizedTest(name = "{0} {1} seed={2}")
    @MethodSource("cases")
    void vectorMatchesScalar(Op op, DType dt, long seed) {
        Case c = CASES.get(op);
        assertNotNull(c, "no case for " + op);
        Rng r = new Rng(seed * 1000 + op.ordinal());
        List<HostStorage> in = new ArrayList<>();
        for (Leaf leaf : c.leaves()) in.add(values(leaf, dt, r));
        List<HostStorage> s = run("scalar", c, in, dt, seed), v = run("vector", c, in, dt, seed);
        assertEquals(s.size(), v.size(), op + " " + dt + " seed=" + seed + ": gradient presence differs");
        for (int i = 0; i < s.size(); i++) {
            String what = op + " " + dt + " seed=" + seed + (i == 0 ? " forward" : " grad of input " + (i - 1));
            if (s.get(i) == null || v.get(i) == null) {
                assertEquals(s.get(i) == null, v.get(i) == null, what + ": gradient presence differs");
                continue;
            }
            double scale = 0;
            for (int k = 0; k < s.get(i).size(); k++) if (Double.isFinite(s.get(i).get(k))) scale = Math.max(scale, Math.abs(s.get(i).get(k)));
            double[] floor = new double[s.get(i).size()];
            java.util.Arrays.fill(floor, scale);
            // backward chains a few kernels: allow one extra factor of the reduction length for gradients
            Close.near(s.get(i), v.get(i), i == 0 ? c.len() : 4 * c.len(), floor, what);
        }
    }
}
