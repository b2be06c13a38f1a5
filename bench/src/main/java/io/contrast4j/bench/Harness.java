package io.contrast4j.bench;

import io.contrast4j.autograd.backend.HostStorage;
import io.contrast4j.autograd.backend.Storage;
import io.contrast4j.autograd.backend.VectorBackend;
import io.contrast4j.samplers.index.KnnIndex;
import io.contrast4j.samplers.index.Metric;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Training-throughput harness (plain main class, no JMH): samples/s of the reference workloads, k-NN queries/s,
 * the SGEMM rate of the same run, bytes allocated per step, and DL4J side by side when it is on the class path.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar io.contrast4j.bench.Harness [options]
 *   reps=5 steps=10 warmup=3     repeated timed runs, steps per run, untimed warm-up steps
 *   only=gemm,mlp,text,transformer,knn,alloc,dl4j,scaling   (default: all; scaling = every scale-X group:
 *        scale-gemm, scale-mlp, scale-text, scale-transformer, scale-knn)
 * with DL4J: -cp bench/target/benchmarks.jar:$(cat bench/target/dl4j.classpath)
 * </pre>
 * Every figure is min / median / max over {@code reps} runs.
 */
public final class Harness {
    private final int reps, steps, warmup;
    private final Set<String> only;

    private Harness(int reps, int steps, int warmup, Set<String> only) {
        this.reps = reps;
        this.steps = steps;
        this.warmup = warmup;
        this.only = only;
    }

    public static void main(String[] args) {
        int reps = 5, steps = 10, warmup = 3;
        Set<String> only = Set.of("gemm", "mlp", "text", "transformer", "knn", "alloc", "dl4j", "scaling");
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("Harness: arguments are key=value, got '" + a + "'");
            String k = a.substring(0, eq), v = a.substring(eq + 1);
            switch (k) {
                case "reps" -> reps = Integer.parseInt(v);
                case "steps" -> steps = Integer.parseInt(v);
                case "warmup" -> warmup = Integer.parseInt(v);
                case "only" -> only = Set.of(v.split(","));
                default -> throw new IllegalArgumentException("Harness: unknown option '" + k + "' (reps, steps, warmup, only)");
            }
        }
        if (reps < 1 || steps < 1 || warmup < 0) throw new IllegalArgumentException("Harness: reps, steps >= 1 and warmup >= 0");
        new Harness(reps, steps, warmup, only).run();
    }

    private void run() {
        Runtime rt = Runtime.getRuntime();
        System.out.printf("contrast4j harness: JDK %s, %d cpus, vector threads %d, load average %.2f, max heap %d MiB%n",
                System.getProperty("java.vm.version"), rt.availableProcessors(), VectorBackend.threads(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), rt.maxMemory() >> 20);
        System.out.printf("reps=%d steps=%d warmup=%d%n", reps, steps, warmup);
        double gemm = Double.NaN;
        if (only.contains("gemm") || only.contains("knn")) {
            gemm = report("SGEMM 1024^3 F32", gemmRate(1024), "GFLOP/s").median();
            report("SGEMM 4096x128x4096 F32", gemmRate(4096, 128, 4096), "GFLOP/s");
        }
        Stats mlp = null;
        if (only.contains("mlp")) {
            mlp = report("(a) MLP 784-256-128 + multi-similarity, P=32 K=8 (B=256), AdamW",
                    throughput(() -> Workloads.mlpMultiSimilarity(784, 256, 128, 32, 8)), "samples/s");
        }
        if (only.contains("text")) {
            report("(b) hashed n-gram bag encoder + InfoNCE + 1 hard negative, B=128", throughput(() -> Workloads.hashedTextInfoNce(128, 128)), "samples/s");
        }
        if (only.contains("transformer")) {
            report("(c) Transformer 2 layers, d=128, 4 heads, T=64 + mean pool + InfoNCE, B=32",
                    throughput(() -> Workloads.transformerInfoNce(32, 128, 4, 2, 64)), "samples/s");
        }
        if (only.contains("knn")) {
            Stats q = report("k-NN exact top-10, 100000 x 128 corpus, DOT, 1024 queries per call", knn(100_000, 128, 1024), "queries/s");
            double gf = q.median() * 2.0 * 100_000 * 128 / 1e9;
            System.out.printf("    = %.1f GFLOP/s of score products, %.0f%% of the SGEMM 1024^3 median of this run%n", gf, 100 * gf / gemm);
        }
        if (only.contains("alloc")) allocation();
        if (only.contains("dl4j")) dl4j();
        scaling();
    }

    private static Stats report(String name, Stats s, String unit) {
        System.out.printf("%-80s %s%n", name, s.fmt(unit));
        return s;
    }

    /** samples/s over {@code reps} runs of {@code steps} steps, after {@code warmup} untimed steps. */
    Stats throughput(Supplier<TrainStep> make) {
        TrainStep s = make.get();
        double sink = 0;
        for (int i = 0; i < warmup; i++) sink += s.step();
        double[] v = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) sink += s.step();
            v[r] = (double) steps * s.batchSize() / ((System.nanoTime() - t0) / 1e9);
        }
        if (Double.isNaN(sink)) System.out.println("    (warning: loss was NaN)");
        return Stats.of(v);
    }

    private static Storage random(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
        return HostStorage.of(v);
    }

    Stats gemmRate(int n) {
        return gemmRate(n, n, n);
    }

    /** GFLOP/s of {@code VectorBackend.matmul} for an m x k times k x n product. */
    Stats gemmRate(int m, int k, int n) {
        Storage a = random(m * k, 1), b = random(k * n, 2);
        double flop = 2.0 * m * k * n;
        int calls = (int) Math.max(1, Math.min(50, 4e9 / flop));
        for (int i = 0; i < Math.max(2, warmup); i++) VectorBackend.INSTANCE.matmul(a, b, 1, m, k, n, false, false, false, false);
        double[] v = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) VectorBackend.INSTANCE.matmul(a, b, 1, m, k, n, false, false, false, false);
            v[r] = flop * calls / (System.nanoTime() - t0);
        }
        return Stats.of(v);
    }

    /** queries/s of exact top-10 search over an n x d corpus, {@code q} queries per call. */
    Stats knn(int n, int d, int q) {
        Random r = new Random(3);
        float[] corpus = new float[n * d], queries = new float[q * d];
        for (int i = 0; i < corpus.length; i++) corpus[i] = (float) r.nextGaussian();
        for (int i = 0; i < queries.length; i++) queries[i] = (float) r.nextGaussian();
        KnnIndex index = new KnnIndex(corpus, d, Metric.DOT);
        long sink = 0;
        for (int i = 0; i < Math.max(1, warmup); i++) sink += index.search(queries, 10).ids()[0][0];
        double[] v = new double[reps];
        for (int rep = 0; rep < reps; rep++) {
            long t0 = System.nanoTime();
            sink += index.search(queries, 10).ids()[0][0];
            v[rep] = q / ((System.nanoTime() - t0) / 1e9);
        }
        if (sink == Long.MIN_VALUE) System.out.println();
        return Stats.of(v);
    }

    /** Bytes allocated per step of workload (a): the calling thread plus the vector backend's workers. */
    private void allocation() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        TrainStep s = Workloads.mlpMultiSimilarity(784, 256, 128, 32, 8);
        for (int i = 0; i < Math.max(2, warmup); i++) s.step();
        double[] caller = new double[reps], all = new double[reps];
        for (int r = 0; r < reps; r++) {
            long[] ids = threadIds();
            long c0 = mx.getCurrentThreadAllocatedBytes();
            long a0 = Arrays.stream(mx.getThreadAllocatedBytes(ids)).filter(x -> x > 0).sum();
            for (int i = 0; i < steps; i++) s.step();
            long c1 = mx.getCurrentThreadAllocatedBytes();
            long a1 = Arrays.stream(mx.getThreadAllocatedBytes(ids)).filter(x -> x > 0).sum();
            caller[r] = (double) (c1 - c0) / steps / (1 << 20);
            all[r] = (double) (a1 - a0) / steps / (1 << 20);
        }
        report("(a) allocated per step, calling thread", Stats.of(caller), "MiB");
        report("(a) allocated per step, calling thread + c4j-vector workers", Stats.of(all), "MiB");
    }

    private static long[] threadIds() {
        List<Long> ids = new ArrayList<>();
        ids.add(Thread.currentThread().threadId());
        for (Thread t : Thread.getAllStackTraces().keySet()) if (t.getName().startsWith("c4j-vector-")) ids.add(t.threadId());
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** DL4J MLP 784-256-128 + softmax head vs the same model in contrast4j; skipped when DL4J is not loadable. */
    private void dl4j() {
        int b = 256, classes = 32;
        TrainStep dl;
        try {
            Class<?> c = Class.forName("io.contrast4j.bench.Dl4jMlp");
            dl = (TrainStep) c.getConstructor(int.class, int.class, int.class, int.class, int.class).newInstance(784, 256, 128, classes, b);
        } catch (Throwable e) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            System.out.println("DL4J: skipped (" + root.getClass().getSimpleName() + ": " + root.getMessage()
                    + "); add its class path: -cp bench/target/benchmarks.jar:$(cat bench/target/dl4j.classpath)");
            return;
        }
        Stats d = report("DL4J MLP 784-256(ReLU)-128(ReLU)-32 softmax MCXENT, B=256, Adam", throughput(() -> dl), "samples/s");
        Stats c = report("contrast4j same model (softmax CE head), B=256, AdamW", throughput(() -> Workloads.mlpSoftmax(784, 256, 128, classes, b)), "samples/s");
        System.out.printf("    ratio contrast4j / DL4J (medians): %.2f%n", c.median() / d.median());
    }

    /** Each figure at three or more sizes. */
    private void scaling() {
        boolean all = only.contains("scaling");
        if (all || only.contains("scale-gemm")) for (int n : new int[]{256, 512, 1024, 2048}) report("SGEMM n=" + n, gemmRate(n), "GFLOP/s");
        if (all || only.contains("scale-mlp")) for (int p : new int[]{8, 16, 32, 64}) {
            report("(a) MLP 784-256-128 MS loss, B=" + (p * 8), throughput(() -> Workloads.mlpMultiSimilarity(784, 256, 128, p, 8)), "samples/s");
        }
        if (all || only.contains("scale-mlp")) for (int h : new int[]{128, 256, 512}) {
            report("(a) MLP 784-" + h + "-" + (h / 2) + " MS loss, B=256", throughput(() -> Workloads.mlpMultiSimilarity(784, h, h / 2, 32, 8)), "samples/s");
        }
        if (all || only.contains("scale-text")) for (int b : new int[]{64, 128, 256}) {
            report("(b) hashed text InfoNCE, B=" + b, throughput(() -> Workloads.hashedTextInfoNce(b, 128)), "samples/s");
        }
        if (all || only.contains("scale-transformer")) for (int b : new int[]{16, 32, 64}) {
            report("(c) Transformer d=128 T=64, B=" + b, throughput(() -> Workloads.transformerInfoNce(b, 128, 4, 2, 64)), "samples/s");
        }
        if (all || only.contains("scale-transformer")) for (int t : new int[]{32, 64, 128}) {
            report("(c) Transformer d=128 B=32, T=" + t, throughput(() -> Workloads.transformerInfoNce(32, 128, 4, 2, t)), "samples/s");
        }
        if (all || only.contains("scale-transformer")) for (int d : new int[]{64, 128, 256}) {
            report("(c) Transformer T=64 B=32, d=" + d, throughput(() -> Workloads.transformerInfoNce(32, d, 4, 2, 64)), "samples/s");
        }
        if (all || only.contains("scale-knn")) for (int n : new int[]{25_000, 50_000, 100_000, 200_000}) report("k-NN top-10 d=128, corpus " + n, knn(n, 128, 1024), "queries/s");
        if (all || only.contains("scale-knn")) for (int d : new int[]{64, 128, 256}) report("k-NN top-10 corpus 100000, d=" + d, knn(100_000, d, 1024), "queries/s");
    }
}
