package io.contrast4j.autograd;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TensorTest {

    @Test
    void castGradientIsConvertedBack() {
        Tensor x = Tensor.of(new double[]{1.5, -2, 3}, 3).requiresGrad(true);
        Tensor y = x.to(DType.F32).mul(Tensor.of(new float[]{2, 3, 4}, 3)).sum();
        assertEquals(DType.F32, y.dtype());
        y.backward();
        assertEquals(DType.F64, x.grad().dtype());
        assertArrayEquals(new double[]{2, 3, 4}, x.grad().toDoubleArray());
    }

    @Test
    void straightThroughHasHardValueAndSoftGradient() {
        Tensor x = Tensor.of(new double[]{0.3, -1.2}, 2).requiresGrad(true);
        Tensor y = Tensor.straightThrough(x.sign(), x.tanh());
        assertArrayEquals(new double[]{1, -1}, y.toDoubleArray(), 1e-15);
        y.sum().backward();
        double t0 = Math.tanh(0.3), t1 = Math.tanh(-1.2);
        assertArrayEquals(new double[]{1 - t0 * t0, 1 - t1 * t1}, x.grad().toDoubleArray(), 1e-15);
    }

    @Test
    void gradientsAccumulateAndGraphIsReleased() {
        Tensor x = Tensor.of(new double[]{2}, 1).requiresGrad(true);
        Tensor y = x.mul(x).sum();
        y.backward();
        assertEquals(4, x.grad().item(), 0);
        x.mul(3).sum().backward();
        assertEquals(7, x.grad().item(), 0);
        assertThrows(IllegalStateException.class, y::backward, "second backward through a released graph");
    }

    @Test
    void retainGraphAllowsSecondBackward() {
        Tensor x = Tensor.of(new double[]{2}, 1).requiresGrad(true);
        Tensor y = x.exp().sum();
        y.backward(Tensor.ones(DType.F64), true);
        y.backward(Tensor.ones(DType.F64), false);
        assertEquals(2 * Math.exp(2), x.grad().item(), 1e-12);
    }

    @Test
    void noGradScopeRecordsNothing() {
        Tensor x = Tensor.of(new double[]{1, 2}, 2).requiresGrad(true);
        try (var g = Grad.off()) {
            Tensor y = x.mul(x);
            assertTrue(!y.requiresGrad());
            assertNull(y.op());
        }
        assertEquals(Op.MUL, x.mul(x).op());
    }

    @Test
    void broadcastingFollowsNumpy() {
        Tensor a = Tensor.of(new double[]{1, 2, 3}, 3, 1);
        Tensor b = Tensor.of(new double[]{10, 20}, 2);
        Tensor c = a.add(b);
        assertArrayEquals(new int[]{3, 2}, c.shape());
        assertArrayEquals(new double[]{11, 21, 12, 22, 13, 23}, c.toDoubleArray());
    }

    @Test
    void shapeErrorsNameOpAndShapes() {
        Tensor a = Tensor.zeros(DType.F32, 2, 3), b = Tensor.zeros(DType.F32, 4, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
        assertEquals("add: shapes [2, 3] and [4, 5] cannot be broadcast together", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.matmul(b));
        assertTrue(e.getMessage().startsWith("matmul: inner dimensions differ"), e.getMessage());
    }

    @Test
    void nonFiniteCheckNamesTheOp() {
        Grad.checkNonFinite(true);
        try {
            Tensor x = Tensor.of(new double[]{-1, 1}, 2);
            NonFiniteException e = assertThrows(NonFiniteException.class, () -> x.log());
            assertEquals("log", e.op());
            assertTrue(e.getMessage().contains("[2]"), e.getMessage());
        } finally {
            Grad.checkNonFinite(false);
        }
    }

    @Test
    void logsumexpIsStableAndHandlesMinusInfinity() {
        Tensor x = Tensor.of(new double[]{1000, 1000, Double.NEGATIVE_INFINITY, 0}, 2, 2);
        double[] r = x.logsumexp(1).toDoubleArray();
        assertEquals(1000 + Math.log(2), r[0], 1e-9);
        assertEquals(0, r[1], 1e-12);
    }

    @Test
    void maxSplitsGradientAmongTies() {
        Tensor x = Tensor.of(new double[]{3, 1, 3}, 3).requiresGrad(true);
        x.max().backward();
        assertArrayEquals(new double[]{0.5, 0, 0.5}, x.grad().toDoubleArray());
    }

    @Test
    void topkAndGather() {
        Tensor x = Tensor.of(new double[]{1, 5, 3, 5, 0, -1}, 2, 3);
        Tensor idx = x.topk(2, true);
        assertArrayEquals(new int[]{1, 2, 0, 1}, idx.toIntArray());
        assertArrayEquals(new double[]{5, 3, 5, 0}, x.gather(1, idx).toDoubleArray());
    }

    @Test
    void concatSliceStack() {
        Tensor a = Tensor.of(new double[]{1, 2}, 1, 2), b = Tensor.of(new double[]{3, 4, 5, 6}, 2, 2);
        Tensor c = Tensor.concat(List.of(a, b), 0);
        assertArrayEquals(new double[]{1, 2, 3, 4, 5, 6}, c.toDoubleArray());
        assertArrayEquals(new double[]{4, 6}, c.slice(0, 1, 3).slice(1, 1, 2).toDoubleArray());
        assertArrayEquals(new int[]{2, 1, 2}, Tensor.stack(List.of(a, a), 0).shape());
    }

    @Test
    void seededCreationIsReproducible() {
        assertArrayEquals(Tensor.randn(DType.F32, new Rng(42), 5, 5).toFloatArray(), Tensor.randn(DType.F32, new Rng(42), 5, 5).toFloatArray());
    }

    @Test
    void toStringIsReadable() {
        String s = Tensor.of(new double[]{1, 2, 3, 4}, 2, 2).toString();
        assertTrue(s.startsWith("Tensor(shape=[2, 2], F64)"), s);
        assertTrue(s.contains("[[1.000, 2.000],"), s);
    }
}
