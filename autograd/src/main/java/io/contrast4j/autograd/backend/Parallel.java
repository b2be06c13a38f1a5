package io.contrast4j.autograd.backend;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The vector backend's fixed worker pool: {@code cores - 1} daemon threads plus the calling thread, so a kernel never
 * runs more threads than there are cores. Work is split into tasks whose results do not depend on which thread runs
 * them (each output element is written by exactly one task, in a fixed order), so results are identical for every
 * thread count. The system property {@code c4j.threads} caps the threads a kernel uses (read on every call, so a
 * benchmark can change it); calls from inside a worker run inline (no nested parallelism, no deadlock).
 */
final class Parallel {
    private static final int CORES = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final ExecutorService POOL = CORES > 1 ? Executors.newFixedThreadPool(CORES - 1, Worker::new) : null;

    private static final class Worker extends Thread {
        private static final AtomicInteger IDS = new AtomicInteger();

        Worker(Runnable r) {
            super(r, "c4j-vector-" + IDS.incrementAndGet());
            setDaemon(true);
        }
    }

    private Parallel() {
    }

    /** Threads a kernel may use: {@code min(cores, c4j.threads)}, at least 1. */
    static int threads() {
        int cap = Integer.getInteger("c4j.threads", CORES);
        return Math.max(1, Math.min(CORES, cap));
    }

    /** Runs {@code body(t)} for every {@code t} in {@code [0, tasks)} on up to {@code threads} threads, the caller included. */
    static void forEach(int tasks, int threads, IntConsumer body) {
        int w = Math.min(threads, tasks);
        if (w <= 1 || POOL == null || Thread.currentThread() instanceof Worker) {
            for (int t = 0; t < tasks; t++) body.accept(t);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable r = () -> {
            int t;
            while ((t = next.getAndIncrement()) < tasks) body.accept(t);
        };
        Future<?>[] fs = new Future<?>[w - 1];
        for (int i = 0; i < fs.length; i++) fs[i] = POOL.submit(r);
        Throwable err = null;
        try {
            r.run();
        } catch (Throwable e) {
            err = e;
        }
        boolean interrupted = false;
        for (Future<?> f : fs) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (ExecutionException e) {
                    if (err == null) err = e.getCause();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (err instanceof RuntimeException re) throw re;
        if (err instanceof Error er) throw er;
        if (err != null) throw new IllegalStateException(err);
    }

    /**
     * Splits {@code [0, n)} into fixed chunks of {@code grain} elements (independent of the thread count) and runs
     * {@code body(lo, hi)} on each, in parallel when {@code n} is at least {@code 2 * grain}.
     */
    static void chunks(int n, int grain, RangeBody body) {
        int tasks = (n + grain - 1) / grain;
        if (tasks <= 1) {
            body.run(0, n);
            return;
        }
        forEach(tasks, threads(), t -> body.run(t * grain, Math.min(n, (t + 1) * grain)));
    }

    @FunctionalInterface
    interface RangeBody {
        void run(int lo, int hi);
    }
}
