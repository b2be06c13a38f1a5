package io.contrast4j.losses.distances;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.check.GradCase;
import io.contrast4j.autograd.registry.Entry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Registry of CATALOG.md section (e) distances D01–D08: each with a float64 gradient check of its matrix and its
 * row-aligned form (the checker reduces them with fixed random weights, i.e. a random projection).
 */
public final class Distances {
    private Distances() {
    }

    /** A fresh distance by catalog ID or short name (lp, euclidean, cosine, dot, snr, angle, directional, poincare). */
    public static Distance byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "d01", "lp", "euclidean" -> new LpDistance();
            case "euclidean-raw" -> new LpDistance(2, false, 1);
            case "d02", "cosine" -> new CosineSimilarity();
            case "d03", "dot" -> new DotProductSimilarity();
            case "d04", "snr" -> new SnrDistance();
            case "d05", "angle" -> new AngleSimilarity();
            case "d06", "directional" -> new DirectionalSimilarity();
            case "d07", "poincare" -> new PoincareDistance();
            default -> throw new IllegalArgumentException("unknown distance '" + name + "' (D01-D07, or lp, euclidean, euclidean-raw, cosine, dot, snr, angle, directional, poincare)");
        };
    }

    public static List<Entry> all() {
        List<Entry> out = new ArrayList<>();
        out.add(entry(LpDistance::new, 1.0));
        out.add(entry(() -> new LpDistance(1, false, 1), 1.0));
        out.add(entry(CosineSimilarity::new, 1.0));
        out.add(entry(() -> new DotProductSimilarity(false), 1.0));
        out.add(entry(SnrDistance::new, 1.0));
        out.add(entry(AngleSimilarity::new, 1.0));
        out.add(entry(DirectionalSimilarity::new, 1.0));
        out.add(entry(PoincareDistance::new, 0.15));
        out.add(entry(() -> new ChunkedDistance(new LpDistance(), 2), 1.0));
        return merge(out);
    }

    private static Entry entry(Supplier<Distance> make, double scale) {
        Distance d = make.get();
        String id = d.info().id();
        GradCase matrix = new GradCase(id, seed -> problem(make.get(), seed, scale, false));
        GradCase pairwise = new GradCase(id + ".pairwise", seed -> problem(make.get(), seed, scale, true));
        return new Entry(d, List.of(matrix, pairwise));
    }

    private static GradCase.Problem problem(Distance d, long seed, double scale, boolean aligned) {
        Rng rng = new Rng(seed);
        Tensor q = Tensor.randn(DType.F64, rng, 4, 6).mul(scale);
        Tensor r = Tensor.randn(DType.F64, rng, aligned ? 4 : 5, 6).mul(scale);
        return GradCase.Problem.of(Map.of("query", q, "reference", r),
                m -> aligned ? d.pairwise(m.get("query"), m.get("reference")) : d.matrix(m.get("query"), m.get("reference")));
    }

    /** One entry per ID: variants of the same ID contribute their checks to the first entry. */
    private static List<Entry> merge(List<Entry> es) {
        Map<String, Entry> m = new java.util.LinkedHashMap<>();
        for (Entry e : es) {
            m.merge(e.info().id(), e, (a, b) -> {
                List<GradCase> cs = new ArrayList<>(a.checks());
                for (GradCase c : b.checks()) cs.add(new GradCase(c.id() + "." + cs.size(), c.setup()));
                return new Entry(a.component(), cs);
            });
        }
        return new ArrayList<>(m.values());
    }
}
