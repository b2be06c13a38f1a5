package io.contrast4j.bench;

import io.contrast4j.autograd.backend.Backend;
import io.contrast4j.autograd.backend.HostStorage;
import io.contrast4j.autograd.backend.Storage;
import io.contrast4j.autograd.backend.VectorBackend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * SGEMM (F32, square n x n x n, no transposes) on the vector backend. GFLOP/s = ops/s * 2 n^3 / 1e9.
 * {@code threads} caps the backend's pool through the {@code c4j.threads} system property.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GemmBench {
    @Param({"256", "512", "1024"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    private final Backend backend = VectorBackend.INSTANCE;
    private Storage a, b;

    @Setup(Level.Trial)
    public void setup() {
        System.setProperty("c4j.threads", Integer.toString(threads));
        a = random(n * n, 1);
        b = random(n * n, 2);
    }

    static Storage random(int size, long seed) {
        Random r = new Random(seed);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) r.nextGaussian();
        return HostStorage.of(v);
    }

    @Benchmark
    public Storage sgemm() {
        return backend.matmul(a, b, 1, n, n, n, false, false, false, false);
    }

    /** Floating-point operations of one {@link #sgemm()} call. */
    public static double flops(int n) {
        return 2.0 * n * n * n;
    }

}
