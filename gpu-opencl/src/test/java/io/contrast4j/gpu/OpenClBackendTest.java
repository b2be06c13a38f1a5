package io.contrast4j.gpu;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.backend.Backends;
import io.contrast4j.autograd.backend.HostStorage;
import io.contrast4j.autograd.backend.ScalarBackend;
import io.contrast4j.autograd.backend.Storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SPI plumbing of {@link OpenClBackend}: registration, the kernels added for it, casts, memory release, errors. */
class OpenClBackendTest {
    private static final ScalarBackend REF = ScalarBackend.INSTANCE;

    private static OpenClBackend backend() {
        ClTestSupport.availability();
        return OpenClBackend.shared();
    }

    @Test
    void providerIsRegisteredUnderOpencl() {
        OpenClBackendProvider p = new OpenClBackendProvider();
        assertEquals("opencl", p.name());
        String why = p.unavailableReason();
        if (why == null) {
            assertTrue(Backends.available().contains("opencl"), Backends.available().toString());
            assertSame(OpenClBackend.shared(), Backends.byName("opencl"));
        } else {
            assertEquals(why, Backends.unavailable().get("opencl"));
        }
    }

    @Test
    void infoListsTheDevices() {
        String info = OpenClInfo.describe();
        ClAvailability a = OpenCl.available();
        if (a.isAvailable()) {
            for (ClDevice d : a.devices()) assertTrue(info.contains(d.name()), info);
            assertTrue(info.contains("fp64"), info);
        } else {
            assertTrue(info.contains(a.reason()), info);
        }
    }

    private static HostStorage randomHost(DType t, int n, Random r) {
        HostStorage h = HostStorage.zeros(t, n);
        for (int i = 0; i < n; i++) h.set(i, r.nextGaussian() * 3);
        return h;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void perRowGatherAndScatterMatchScalar(long seed) {
        OpenClBackend b = backend();
        Random r = new Random(seed);
        int outer = 3, dim = 5, inner = 4, k = 7;
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            HostStorage src = randomHost(t, outer * dim * inner, r);
            int[] idx = new int[outer * k * inner];
            for (int i = 0; i < idx.length; i++) idx[i] = r.nextInt(dim);
            HostStorage index = HostStorage.of(idx);
            double[] expected = toDoubles(REF.gather(src, outer, dim, inner, index, k));
            assertArrayEquals(expected, toDoubles(b.download(b.gather(b.upload(src), outer, dim, inner, b.upload(index), k))),
                    0, "gather " + t + " seed=" + seed);
            HostStorage g = randomHost(t, outer * k * inner, r);
            for (boolean perRow : new boolean[] {true, false}) {
                HostStorage ix = perRow ? index : HostStorage.of(java.util.Arrays.copyOf(idx, k));
                double[] e = toDoubles(REF.scatterAdd(g, outer, dim, inner, ix, k, perRow));
                double[] a = toDoubles(b.download(b.scatterAdd(b.upload(g), outer, dim, inner, b.upload(ix), k, perRow)));
                for (int i = 0; i < e.length; i++) {
                    assertEquals(e[i], a[i], (t == DType.F32 ? 1e-5 : 1e-12) * (1 + Math.abs(e[i])),
                            "scatterAdd perRow=" + perRow + " " + t + " seed=" + seed + " at " + i);
                }
            }
        }
    }

    private static double[] toDoubles(Storage s) {
        HostStorage h = (HostStorage) s;
        double[] d = new double[h.size()];
        for (int i = 0; i < d.length; i++) d[i] = h.get(i);
        return d;
    }

    @Test
    void castsFollowJavaSemantics() {
        OpenClBackend b = backend();
        double[] v = {0.5, -1.5, 2.7, -2.7, 1e10, -1e10, Double.NaN, 16777217, 0.1};
        HostStorage d = HostStorage.of(v);
        for (DType from : new DType[] {DType.F64, DType.F32}) {
            HostStorage src = (HostStorage) REF.cast(d, from);
            for (DType to : DType.values()) {
                double[] e = toDoubles(REF.cast(src, to));
                double[] a = toDoubles(b.download(b.cast(b.upload(src), to)));
                assertArrayEquals(e, a, 0, from + " -> " + to);
            }
        }
        HostStorage ints = HostStorage.of(new int[] {0, -3, 16777217, Integer.MAX_VALUE});
        for (DType to : DType.values()) {
            assertArrayEquals(toDoubles(REF.cast(ints, to)), toDoubles(b.download(b.cast(b.upload(ints), to))), 0, "I32 -> " + to);
        }
    }

    @Test
    void unreachableStoragesReturnTheirBuffersToThePool() throws InterruptedException {
        OpenClBackend b = backend();
        ClAllocator alloc = b.allocator();
        long before = alloc.liveBytes();
        Storage s = b.zeros(DType.F32, 1 << 16);
        assertEquals(before + (4L << 16), alloc.liveBytes());
        ((ClStorage) s).release();
        assertEquals(before, alloc.liveBytes(), "explicit release");
        ((ClStorage) s).release(); // idempotent
        for (int i = 0; i < 50; i++) b.zeros(DType.F32, 1 << 16);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (alloc.liveBytes() > before && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(before, alloc.liveBytes(), "garbage storages are released by the cleaner");
    }

    @Test
    void usingAReleasedStorageFails() {
        OpenClBackend b = backend();
        ClStorage s = (ClStorage) b.full(DType.F32, 4, 1);
        s.release();
        assertTrue(s.isReleased());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.unary(io.contrast4j.autograd.backend.UnaryOp.EXP, s, 0, 0));
        assertTrue(e.getMessage().contains("released"), e.getMessage());
    }

    @Test
    void deviceAllocationFailureNamesTheSize() {
        OpenClBackend b = backend();
        long bytes = 8L * (Integer.MAX_VALUE - 16);
        assertTrue(bytes > b.device().maxAllocBytes(), "device allows " + b.device().maxAllocBytes());
        ClException e = assertThrows(ClException.class, () -> b.zeros(DType.F64, Integer.MAX_VALUE - 16));
        assertTrue(e.getMessage().contains(Long.toString(bytes)), e.getMessage());
        assertFalse(b.zeros(DType.F32, 3).isHost(), "backend usable after the failure");
    }

    @Test
    void topkBeyondTheDeviceBoundFallsBackToTheHost() {
        OpenClBackend b = backend();
        Random r = new Random(7);
        HostStorage x = randomHost(DType.F32, 2 * 100, r);
        for (int k : new int[] {1, 64, 65, 100}) {
            assertArrayEquals(((HostStorage) REF.topk(x, 2, 100, k, true)).i,
                    b.download(b.topk(b.upload(x), 2, 100, k, true)).i, "k=" + k);
        }
    }

    @Test
    void outOfRangeDeviceIndexIsReportedOnDownload() {
        OpenClBackend b = backend();
        Storage out = b.indexSelect(b.upload(HostStorage.of(new float[] {1, 2, 3})), 1, 3, 1, b.upload(HostStorage.of(new int[] {0, 5})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.download(out));
        assertTrue(e.getMessage().contains("index 5"), e.getMessage());
    }
}
