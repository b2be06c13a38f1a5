package io.contrast4j.samplers.miners;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.metric.ContrastiveLoss;
import io.contrast4j.losses.metric.MetricLoss;
import io.contrast4j.samplers.SamplerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossBatchMemoryTest {

    /** Records what the inner loss receives, then delegates to L001. */
    static final class Spy implements Loss {
        final ContrastiveLoss inner = new ContrastiveLoss();
        LossInputs last;

        public Tensor compute(LossInputs in) {
            last = in;
            return inner.compute(in);
        }

        public io.contrast4j.autograd.registry.CatalogInfo info() {
            return inner.info();
        }

        public Map<String, String> defaults() {
            return inner.defaults();
        }

        public List<io.contrast4j.autograd.registry.Input> inputs() {
            return inner.inputs();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void memoryIsAFifoAndSelfComparisonsAreRemoved(long seed) {
        Spy spy = new Spy();
        CrossBatchMemory xbm = SamplerRegistry.crossBatchMemory(spy, Params.of(Map.of("memory_size", "10")), null);
        Rng r = new Rng(seed);
        for (int step = 0; step < 4; step++) {
            Tensor e = Tensor.randn(DType.F64, r, 4, 3).requiresGrad(true);
            int[] y = {0, 1, 0, 1};
            Tensor loss = xbm.compute(LossInputs.of(e, y));
            assertTrue(Double.isFinite(loss.item()), "seed=" + seed);
            assertEquals(Math.min(10, 4 * (step + 1)), xbm.filledSlots(), "seed=" + seed + " step " + step);
            Tensor ref = spy.last.get(MetricLoss.REF_EMBEDDINGS);
            assertEquals(xbm.filledSlots(), ref.dim(0), "seed=" + seed);
            IndicesTuple t = spy.last.mined();
            int[] refLabels = spy.last.get(MetricLoss.REF_LABELS).toIntArray();
            int base = (4 * step) % 10;
            for (int k = 0; k < t.a1().length; k++) {
                assertEquals(y[t.a1()[k]], refLabels[t.p()[k]], "seed=" + seed);
                assertTrue(t.p()[k] != (base + t.a1()[k]) % 10, "seed=" + seed + " self comparison kept");
            }
            for (int k = 0; k < t.a2().length; k++) assertTrue(y[t.a2()[k]] != refLabels[t.n()[k]], "seed=" + seed);
            // the just-enqueued rows sit at their FIFO slots, detached copies of the batch
            double[] mem = ref.toDoubleArray(), x = e.toDoubleArray();
            for (int i = 0; i < 4; i++) for (int c = 0; c < 3; c++) assertEquals(x[i * 3 + c], mem[((base + i) % 10) * 3 + c], 0.0, "seed=" + seed);
            loss.backward();
            assertNotNull(e.grad(), "seed=" + seed + " gradient reaches the batch");
            assertTrue(!ref.requiresGrad(), "memory is a constant");
        }
    }

    @Test
    void enqueueMaskSplitsQueriesFromMemory() {
        Spy spy = new Spy();
        CrossBatchMemory xbm = new CrossBatchMemory(spy, 8, new MultiSimilarityMiner());
        Tensor e = Tensor.randn(DType.F64, new Rng(4), 6, 3);
        LossInputs in = LossInputs.of(e, new int[]{0, 1, 2, 0, 1, 2}).with(CrossBatchMemory.ENQUEUE_MASK, Tensor.ofInts(new int[]{1, 1, 1, 0, 0, 0}, 6));
        xbm.compute(in);
        assertEquals(3, xbm.filledSlots());
        assertEquals(3, spy.last.embeddings().dim(0));
        assertArrayEquals(new int[]{0, 1, 2}, spy.last.get(MetricLoss.REF_LABELS).toIntArray());
        assertThrows(IllegalArgumentException.class, () -> new CrossBatchMemory(spy, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new CrossBatchMemory(spy, 2, null).compute(LossInputs.of(e, new int[6])));
    }
}
