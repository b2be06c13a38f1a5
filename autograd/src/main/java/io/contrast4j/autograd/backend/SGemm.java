package io.contrast4j.autograd.backend;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Packed, register- and cache-blocked matrix product for float (GotoBLAS / BLIS loop order): for each {@code NC}
 * column block and {@code KC} depth block, B is packed into {@code KC x NR} micro-panels; row blocks of
 * {@code MC} rows of A are packed into {@code MR x KC} micro-panels (one task per row block, run in parallel) and
 * an {@code MR x NR} micro-kernel ({@code MR} rows times two vectors, all FMA) accumulates into registers.
 *
 * <p>Deterministic for every thread count: each element's sum runs over depth blocks in order, and within a block
 * sequentially in one register, whatever thread computes it.
 */
final class SGemm {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int MR = 8;
    static final int NR = 2 * L;
    static final int KC = 256;
    static final int MC = 128;
    static final int NC = 4096;
    /** A row block is read in place (not packed) when it meets at most this many B micro-panels. */
    static final int DIRECT_A_PANELS = 2;
    /** Products with fewer multiply-adds than this run on one thread. */
    static final long PARALLEL_MNK = 1L << 20;

    private static final ThreadLocal<float[]> A_PACK = ThreadLocal.withInitial(() -> new float[MC * KC]);
    private static final ThreadLocal<float[]> B_PACK = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[MR * NR]);

    private SGemm() {
    }

    /**
     * {@code C[b] = op(A[b]) op(B[b])} for every batch; C is zero-filled and row-major {@code m x n} per batch.
     * A is {@code m x k} ({@code k x m} when {@code ta}); B is {@code k x n} ({@code n x k} when {@code tb}).
     */
    static void batched(float[] a, float[] b, float[] c, int batch, int m, int k, int n, boolean ta, boolean tb,
                        boolean aBatch, boolean bBatch) {
        if (m == 0 || n == 0 || batch == 0) return;
        long mnk = (long) m * n * k;
        int threads = Parallel.threads();
        if (batch > 1 && threads > 1 && mnk < PARALLEL_MNK && mnk * batch >= PARALLEL_MNK / 4) {
            Parallel.forEach(batch, threads, bt -> gemm(a, aBatch ? bt * m * k : 0, b, bBatch ? bt * k * n : 0,
                    c, bt * m * n, m, k, n, ta, tb, 1));
            return;
        }
        int th = mnk >= PARALLEL_MNK ? threads : 1;
        for (int bt = 0; bt < batch; bt++) {
            gemm(a, aBatch ? bt * m * k : 0, b, bBatch ? bt * k * n : 0, c, bt * m * n, m, k, n, ta, tb, th);
        }
    }

    /** One product into {@code c[co ..]} (which holds zeros on entry). */
    static void gemm(float[] a, int ao, float[] b, int bo, float[] c, int co, int m, int k, int n,
                     boolean ta, boolean tb, int threads) {
        if (k == 0) return;
        int mBlocks = (m + MC - 1) / MC;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int panels = (nc + NR - 1) / NR;
            int jChunks = threads <= 1 ? 1 : Math.max(1, Math.min(panels, (2 * threads + mBlocks - 1) / mBlocks));
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float[] bp = B_PACK.get();
                if (bp.length < panels * NR * kc) {
                    bp = new float[panels * NR * kc];
                    B_PACK.set(bp);
                }
                final float[] bPack = bp;
                final int fjc = jc, fpc = pc, fChunks = jChunks;
                // B is packed once per (jc, pc) block and shared by every thread; the packing itself is split
                // into panel ranges when several threads run (each panel is written by one task).
                int packTasks = threads <= 1 || panels < 4 ? 1 : Math.min(panels, 2 * threads);
                if (packTasks == 1) {
                    packB(b, bo, tb, k, n, pc, kc, jc, nc, 0, panels, bPack);
                } else {
                    Parallel.forEach(packTasks, threads, t -> packB(b, bo, tb, k, n, fpc, kc, fjc, nc,
                            (int) ((long) t * panels / packTasks), (int) ((long) (t + 1) * panels / packTasks), bPack));
                }
                final boolean first = pc == 0;
                Parallel.forEach(mBlocks * jChunks, threads, t -> {
                    int ib = t / fChunks, ch = t % fChunks;
                    int ic = ib * MC, mc = Math.min(MC, m - ic);
                    int p0 = (int) ((long) ch * panels / fChunks), p1 = (int) ((long) (ch + 1) * panels / fChunks);
                    if (p1 - p0 <= DIRECT_A_PANELS) {
                        // A is read by at most DIRECT_A_PANELS micro-panels of B: packing it would cost as much as
                        // using it, so full micro-panels read op(A) in place (the edge one is packed)
                        directA(a, ao, ta, m, k, ic, mc, fpc, kc, bPack, c, co, n, fjc, nc, p0, p1, first);
                    } else {
                        float[] ap = A_PACK.get();
                        packA(a, ao, ta, m, k, ic, mc, fpc, kc, ap);
                        macro(ap, bPack, c, co, n, ic, mc, fjc, nc, kc, p0, p1, first);
                    }
                });
            }
        }
    }

    /** Like {@link #macro}, reading full {@code MR}-row micro-panels of op(A) in place instead of from a packed copy. */
    private static void directA(float[] a, int ao, boolean ta, int m, int k, int ic, int mc, int pc, int kc, float[] bp,
                                float[] c, int co, int n, int jc, int nc, int p0, int p1, boolean first) {
        int ars = ta ? 1 : k, acs = ta ? m : 1;
        float[] edge = null;
        float[] tile = null;
        for (int jp = p0; jp < p1; jp++) {
            int j0 = jp * NR, nr = Math.min(NR, nc - j0);
            int bOff = jp * NR * kc;
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                int cOff = co + (ic + ir) * n + jc + j0;
                float[] src;
                int aOff, rs, cs;
                if (mr == MR) {
                    src = a;
                    aOff = ao + (ta ? pc * m + ic + ir : (ic + ir) * k + pc);
                    rs = ars;
                    cs = acs;
                } else {
                    if (edge == null) edge = A_PACK.get();
                    packA(a, ao, ta, m, k, ic + ir, mr, pc, kc, edge);
                    src = edge;
                    aOff = 0;
                    rs = 1;
                    cs = MR;
                }
                if (mr == MR && nr == NR) {
                    kernelStrided(src, aOff, rs, cs, bp, bOff, kc, c, cOff, n, !first);
                } else {
                    if (tile == null) tile = TILE.get();
                    kernelStrided(src, aOff, rs, cs, bp, bOff, kc, tile, 0, NR, false);
                    addTile(tile, c, cOff, n, mr, nr, first);
                }
            }
        }
    }

    private static void addTile(float[] tile, float[] c, int cOff, int n, int mr, int nr, boolean first) {
        for (int r = 0; r < mr; r++) {
            int row = cOff + r * n;
            for (int j = 0; j < nr; j++) c[row + j] = first ? tile[r * NR + j] : c[row + j] + tile[r * NR + j];
        }
    }

    private static void macro(float[] ap, float[] bp, float[] c, int co, int n, int ic, int mc, int jc, int nc, int kc,
                              int p0, int p1, boolean first) {
        float[] tile = null;
        for (int jp = p0; jp < p1; jp++) {
            int j0 = jp * NR, nr = Math.min(NR, nc - j0);
            int bOff = jp * NR * kc;
            for (int ir = 0; ir < mc; ir += MR) {
                int mr = Math.min(MR, mc - ir);
                int aOff = ir * kc;
                int cOff = co + (ic + ir) * n + jc + j0;
                if (mr == MR && nr == NR) {
                    kernel(ap, aOff, bp, bOff, kc, c, cOff, n, !first);
                } else {
                    if (tile == null) tile = TILE.get();
                    kernel(ap, aOff, bp, bOff, kc, tile, 0, NR, false);
                    addTile(tile, c, cOff, n, mr, nr, first);
                }
            }
        }
    }

    /** Packs rows {@code [ic, ic+mc)}, depth {@code [pc, pc+kc)} of op(A) into MR-row panels, zero-padded. */
    private static void packA(float[] a, int ao, boolean ta, int m, int k, int ic, int mc, int pc, int kc, float[] ap) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = ir * kc;
            if (!ta) {
                for (int r = 0; r < mr; r++) {
                    int src = ao + (ic + ir + r) * k + pc;
                    for (int p = 0; p < kc; p++) ap[base + p * MR + r] = a[src + p];
                }
                for (int r = mr; r < MR; r++) for (int p = 0; p < kc; p++) ap[base + p * MR + r] = 0;
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = ao + (pc + p) * m + ic + ir;
                    int dst = base + p * MR;
                    for (int r = 0; r < mr; r++) ap[dst + r] = a[src + r];
                    for (int r = mr; r < MR; r++) ap[dst + r] = 0;
                }
            }
        }
    }

    /** Packs depth {@code [pc, pc+kc)}, panels {@code [q0, q1)} of columns {@code [jc, jc+nc)} of op(B) into NR-column panels, zero-padded. */
    private static void packB(float[] b, int bo, boolean tb, int k, int n, int pc, int kc, int jc, int nc,
                              int q0, int q1, float[] bp) {
        for (int j0 = q0 * NR; j0 < Math.min(nc, q1 * NR); j0 += NR) {
            int nr = Math.min(NR, nc - j0);
            int base = (j0 / NR) * NR * kc;
            if (!tb) {
                for (int p = 0; p < kc; p++) {
                    int src = bo + (pc + p) * n + jc + j0;
                    int dst = base + p * NR;
                    if (nr == NR) {
                        FloatVector.fromArray(S, b, src).intoArray(bp, dst);
                        FloatVector.fromArray(S, b, src + L).intoArray(bp, dst + L);
                    } else {
                        System.arraycopy(b, src, bp, dst, nr);
                        for (int j = nr; j < NR; j++) bp[dst + j] = 0;
                    }
                }
            } else {
                for (int j = 0; j < nr; j++) {
                    int src = bo + (jc + j0 + j) * k + pc;
                    for (int p = 0; p < kc; p++) bp[base + p * NR + j] = b[src + p];
                }
                for (int j = nr; j < NR; j++) for (int p = 0; p < kc; p++) bp[base + p * NR + j] = 0;
            }
        }
    }

    /** The MR x NR micro-kernel on a packed A micro-panel: 16 accumulators, two B vectors and one broadcast A value per step. */
    private static void kernel(float[] ap, int aOff, float[] bp, int bOff, int kc, float[] c, int cOff, int ldc, boolean acc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bOff);
            FloatVector b1 = FloatVector.fromArray(S, bp, bOff + L);
            FloatVector av = FloatVector.broadcast(S, ap[aOff]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[aOff + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[aOff + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[aOff + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, ap[aOff + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, ap[aOff + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, ap[aOff + 6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, ap[aOff + 7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
            aOff += MR;
            bOff += NR;
        }
        if (acc) {
            c00 = c00.add(FloatVector.fromArray(S, c, cOff));
            c01 = c01.add(FloatVector.fromArray(S, c, cOff + L));
            c10 = c10.add(FloatVector.fromArray(S, c, cOff + ldc));
            c11 = c11.add(FloatVector.fromArray(S, c, cOff + ldc + L));
            c20 = c20.add(FloatVector.fromArray(S, c, cOff + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L));
            c30 = c30.add(FloatVector.fromArray(S, c, cOff + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L));
            c40 = c40.add(FloatVector.fromArray(S, c, cOff + 4 * ldc));
            c41 = c41.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + L));
            c50 = c50.add(FloatVector.fromArray(S, c, cOff + 5 * ldc));
            c51 = c51.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + L));
            c60 = c60.add(FloatVector.fromArray(S, c, cOff + 6 * ldc));
            c61 = c61.add(FloatVector.fromArray(S, c, cOff + 6 * ldc + L));
            c70 = c70.add(FloatVector.fromArray(S, c, cOff + 7 * ldc));
            c71 = c71.add(FloatVector.fromArray(S, c, cOff + 7 * ldc + L));
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
        c60.intoArray(c, cOff + 6 * ldc);
        c61.intoArray(c, cOff + 6 * ldc + L);
        c70.intoArray(c, cOff + 7 * ldc);
        c71.intoArray(c, cOff + 7 * ldc + L);
    }


    /**
     * The MR x NR micro-kernel reading A in place: 16 accumulators, two B vectors and one broadcast A value per step. Element
     * {@code (r, p)} of the A micro-panel is {@code ap[aOff + r*rs + p*cs]} .
     */
    private static void kernelStrided(float[] ap, int aOff, int rs, int cs, float[] bp, int bOff, int kc, float[] c, int cOff,
                               int ldc, boolean acc) {
        int r1 = rs, r2 = 2 * rs, r3 = 3 * rs, r4 = 4 * rs, r5 = 5 * rs, r6 = 6 * rs, r7 = 7 * rs;
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, bp, bOff);
            FloatVector b1 = FloatVector.fromArray(S, bp, bOff + L);
            FloatVector av = FloatVector.broadcast(S, ap[aOff]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[aOff + r1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[aOff + r2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[aOff + r3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, ap[aOff + r4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, ap[aOff + r5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, ap[aOff + r6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, ap[aOff + r7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
            aOff += cs;
            bOff += NR;
        }
        if (acc) {
            c00 = c00.add(FloatVector.fromArray(S, c, cOff));
            c01 = c01.add(FloatVector.fromArray(S, c, cOff + L));
            c10 = c10.add(FloatVector.fromArray(S, c, cOff + ldc));
            c11 = c11.add(FloatVector.fromArray(S, c, cOff + ldc + L));
            c20 = c20.add(FloatVector.fromArray(S, c, cOff + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(S, c, cOff + 2 * ldc + L));
            c30 = c30.add(FloatVector.fromArray(S, c, cOff + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(S, c, cOff + 3 * ldc + L));
            c40 = c40.add(FloatVector.fromArray(S, c, cOff + 4 * ldc));
            c41 = c41.add(FloatVector.fromArray(S, c, cOff + 4 * ldc + L));
            c50 = c50.add(FloatVector.fromArray(S, c, cOff + 5 * ldc));
            c51 = c51.add(FloatVector.fromArray(S, c, cOff + 5 * ldc + L));
            c60 = c60.add(FloatVector.fromArray(S, c, cOff + 6 * ldc));
            c61 = c61.add(FloatVector.fromArray(S, c, cOff + 6 * ldc + L));
            c70 = c70.add(FloatVector.fromArray(S, c, cOff + 7 * ldc));
            c71 = c71.add(FloatVector.fromArray(S, c, cOff + 7 * ldc + L));
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, cOff + ldc);
        c11.intoArray(c, cOff + ldc + L);
        c20.intoArray(c, cOff + 2 * ldc);
        c21.intoArray(c, cOff + 2 * ldc + L);
        c30.intoArray(c, cOff + 3 * ldc);
        c31.intoArray(c, cOff + 3 * ldc + L);
        c40.intoArray(c, cOff + 4 * ldc);
        c41.intoArray(c, cOff + 4 * ldc + L);
        c50.intoArray(c, cOff + 5 * ldc);
        c51.intoArray(c, cOff + 5 * ldc + L);
        c60.intoArray(c, cOff + 6 * ldc);
        c61.intoArray(c, cOff + 6 * ldc + L);
        c70.intoArray(c, cOff + 7 * ldc);
        c71.intoArray(c, cOff + 7 * ldc + L);
    }

}
