package io.contrast4j.losses.distances;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.check.GradCase;
import io.contrast4j.autograd.check.GradCheck;
import io.contrast4j.autograd.registry.Entry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class DistancesTest {

    static Stream<Arguments> cases() {
        return Distances.all().stream().flatMap((Entry e) -> e.checks().stream())
                .flatMap((GradCase c) -> Stream.of(Arguments.of(c.id(), c, 11L), Arguments.of(c.id(), c, 12L)));
    }

    @ParameterizedTest(name = "{0} seed {2}")
    @MethodSource("cases")
    void gradientCheck(String id, GradCase c, long seed) {
        GradCheck.Report r = c.run(seed);
        assertTrue(r.passed(), "seed " + seed + ": " + r.summary());
    }

    @Test
    void snrHandValue() {
        // q = (1, 2, 3) (Var = 1), r = (1, 2, 5): r − q = (0, 0, 2), Var = 4/3 (unbiased) -> d = 4/3
        Tensor q = Tensor.fromArray(new double[][]{{1, 2, 3}}), r = Tensor.fromArray(new double[][]{{1, 2, 5}});
        assertEquals(4.0 / 3, new SnrDistance(false, 1).matrix(q, r).item(), 1e-12);
        assertFalse(new SnrDistance().isInverted());
    }

    @Test
    void angleHandValueFollowsTheComplexDivision() {
        // x = (1, 0), y = (3, 4): z = 25, re = 3/25, im = -4/25, scaled by ‖y‖/‖x‖ = 5: 0.6 and -0.8 -> |−0.2|
        Tensor x = Tensor.fromArray(new double[][]{{1, 0}}), y = Tensor.fromArray(new double[][]{{3, 4}});
        AngleSimilarity a = new AngleSimilarity();
        assertEquals(0.2, a.pairwise(x, y).item(), 1e-12);
        assertEquals(0.2, a.matrix(x, y).item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> a.matrix(Tensor.fromArray(new double[][]{{1, 2, 3}}), Tensor.fromArray(new double[][]{{1, 2, 3}})));
    }

    @Test
    void directionalIsAsymmetric() {
        Tensor crop = Tensor.fromArray(new double[][]{{1, 0}}), full = Tensor.fromArray(new double[][]{{2, 0}});
        DirectionalSimilarity d = new DirectionalSimilarity();
        assertEquals(2.0 / 4, d.matrix(crop, full).item(), 1e-12);
        assertEquals(2.0 / 1, d.matrix(full, crop).item(), 1e-12);
    }

    @Test
    void poincareHandValueAndMaps() {
        // x = 0, y = (0.5, 0): 1 + 2·0.25/(1·0.75) = 5/3 -> arcosh(5/3) = log(5/3 + 4/3) = log 3
        Tensor x = Tensor.fromArray(new double[][]{{0, 0}}), y = Tensor.fromArray(new double[][]{{0.5, 0}});
        assertEquals(Math.log(3), new PoincareDistance().matrix(x, y).item(), 1e-12);
        Tensor v = Tensor.fromArray(new double[][]{{0.3, -0.4}});
        double[] back = PoincareDistance.logMap0(PoincareDistance.expMap0(v)).toDoubleArray();
        assertEquals(0.3, back[0], 1e-9);
        assertEquals(-0.4, back[1], 1e-9);
        assertThrows(IllegalArgumentException.class, () -> new PoincareDistance().matrix(Tensor.fromArray(new double[][]{{1, 0}}), y));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void chunkedEqualsUnchunked(long seed) {
        Rng rng = new Rng(seed);
        Tensor q = Tensor.randn(DType.F64, rng, 7, 5), r = Tensor.randn(DType.F64, rng, 6, 5);
        for (Distance inner : new Distance[]{new LpDistance(), new CosineSimilarity(), new SnrDistance()}) {
            double[] full = inner.matrix(q, r).toDoubleArray();
            ChunkedDistance c = new ChunkedDistance(inner, 3);
            assertArrayEquals(full, c.matrix(q, r).toDoubleArray(), 1e-12, "seed " + seed);
            double[] seen = new double[full.length];
            c.forEachChunk(q, r, (start, chunk) -> System.arraycopy(chunk.toDoubleArray(), 0, seen, start * 6, chunk.numel()));
            assertArrayEquals(full, seen, 1e-12, "seed " + seed);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5, 6})
    void cosineAndAngleAreScaleInvariant(long seed) {
        Rng rng = new Rng(seed);
        Tensor q = Tensor.randn(DType.F64, rng, 3, 4), r = Tensor.randn(DType.F64, rng, 3, 4);
        double c = 0.1 + 5 * rng.nextDouble();
        for (Distance d : new Distance[]{new CosineSimilarity(), new AngleSimilarity(), new SnrDistance()}) {
            assertArrayEquals(d.matrix(q, r).toDoubleArray(), d.matrix(q.mul(c), r.mul(c)).toDoubleArray(), 1e-9, "seed " + seed + " " + d.info().id());
        }
    }

    @Test
    void byNameRefusesUnknown() {
        assertThrows(IllegalArgumentException.class, () -> Distances.byName("nope"));
        assertEquals("D04", Distances.byName("snr").info().id());
    }
}
