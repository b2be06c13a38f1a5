package io.contrast4j.nn;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.check.GradCase;
import io.contrast4j.autograd.registry.Entry;
import io.contrast4j.nn.layers.Dropout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.LongFunction;

/** Helpers for building module gradient-check cases: every parameter of the module and every F64 input is checked. */
public final class NnCases {
    private NnCases() {
    }

    /** Standard-normal F64 tensor from {@code seed}. */
    public static Tensor randn(long seed, int... shape) {
        return Tensor.randn(DType.F64, new Rng(seed), shape);
    }

    /** Seeded random I32 ids in [0, n). */
    public static Tensor ids(long seed, int n, int... shape) {
        Rng r = new Rng(seed);
        int size = 1;
        for (int s : shape) size *= s;
        int[] v = new int[size];
        for (int i = 0; i < size; i++) v[i] = r.nextInt(n);
        return Tensor.ofInts(v, shape);
    }

    /** A padding mask [B, T] whose row i keeps lengths[i] leading tokens. */
    public static Tensor mask(int t, int... lengths) {
        double[] m = new double[lengths.length * t];
        for (int i = 0; i < lengths.length; i++) for (int j = 0; j < lengths[i]; j++) m[i * t + j] = 1;
        return Tensor.of(m, lengths.length, t);
    }

    /**
     * A case for module {@code M} built from the seed: its parameters are perturbed in place, {@code inputs} are
     * checked, and every {@link Dropout} inside is reseeded before each evaluation (frozen mask).
     */
    public static <M extends Module> GradCase of(String id, LongFunction<M> build, LongFunction<Map<String, Tensor>> inputs,
                                                 BiFunction<M, Map<String, Tensor>, Tensor> forward) {
        return new GradCase(id, seed -> {
            M m = build.apply(seed);
            Map<String, Tensor> params = new LinkedHashMap<>(m.namedParameters());
            return new GradCase.Problem(inputs.apply(seed + 17), params, Set.of(), in -> {
                Dropout.reseedAll(m, 12345);
                return forward.apply(m, in);
            });
        });
    }

    /** A case whose only checked input is {@code x}. */
    public static <M extends Module> GradCase onX(String id, LongFunction<M> build, LongFunction<Tensor> x,
                                                  BiFunction<M, Tensor, Tensor> forward) {
        return of(id, build, s -> map("x", x.apply(s)), (m, in) -> forward.apply(m, in.get("x")));
    }

    /** A one-case registry row. */
    public static Entry entry(NnComponent c, GradCase... cases) {
        for (GradCase g : cases) {
            if (!g.id().equals(c.info().id()) && !g.id().startsWith(c.info().id() + ".")) {
                throw new IllegalStateException("grad case " + g.id() + " does not belong to " + c.info().id());
            }
        }
        return new Entry(c, List.of(cases));
    }

    public static Map<String, Tensor> map(Object... kv) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Tensor) kv[i + 1]);
        return m;
    }
}
