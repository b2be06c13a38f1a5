package io.contrast4j.bench;

import io.contrast4j.autograd.backend.Backend;
import io.contrast4j.autograd.backend.BinaryOp;
import io.contrast4j.autograd.backend.ReduceOp;
import io.contrast4j.autograd.backend.Storage;
import io.contrast4j.autograd.backend.UnaryOp;
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

import java.util.concurrent.TimeUnit;

/**
 * Memory-bound F32 kernels on the vector backend over {@code n} elements. Bytes moved per call:
 * add 12n (two reads, one write), exp 8n, sum 4n; GB/s = ops/s * bytes / 1e9.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ElementwiseBench {
    @Param({"1048576"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    private final Backend backend = VectorBackend.INSTANCE;
    private Storage x, y;
    private int[] shape;

    @Setup(Level.Trial)
    public void setup() {
        System.setProperty("c4j.threads", Integer.toString(threads));
        x = GemmBench.random(n, 3);
        y = GemmBench.random(n, 4);
        shape = new int[]{n};
    }

    @Benchmark
    public Storage add() {
        return backend.binary(BinaryOp.ADD, x, shape, y, shape, shape);
    }

    @Benchmark
    public Storage exp() {
        return backend.unary(UnaryOp.EXP, x, 0, 0);
    }

    @Benchmark
    public Storage sum() {
        return backend.reduce(ReduceOp.SUM, x, 1, n, 1);
    }
}
