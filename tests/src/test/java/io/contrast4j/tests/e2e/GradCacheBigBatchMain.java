package io.contrast4j.tests.e2e;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.LossRegistry;
import io.contrast4j.losses.contrastive.CachedInfoNceLoss;
import io.contrast4j.losses.contrastive.InfoNce;
import io.contrast4j.nn.layers.MLP;
import io.contrast4j.nn.optim.OptimRegistry;
import io.contrast4j.nn.optim.Optimizer;
import io.contrast4j.nn.optim.ParamGroups;
import io.contrast4j.trainer.data.Digits;
import io.contrast4j.trainer.data.LabelledDataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Child-JVM program of {@link GradCacheBigBatchTest}: trains an MLP encoder on a batch of (anchor, positive) digit
 * pairs with either the cached in-batch loss (L103 over L101, {@code cached}) or the plain L101 ({@code plain}) for a
 * few AdamW steps. Prints {@code RESULT OK <mode> losses=[...]} and exits 0 on success, prints
 * {@code RESULT OOM <mode>} and exits {@link #EXIT_OOM} on {@link OutOfMemoryError}.
 * Arguments: {@code mode batch miniBatch steps widths} (widths comma separated, e.g. {@code 64,128,64}); the system
 * property {@code gc.trace} also prints the OutOfMemoryError's stack trace (to see which allocation hit the limit).
 */
public final class GradCacheBigBatchMain {
    /** Exit code after an OutOfMemoryError. */
    public static final int EXIT_OOM = 3;

    private GradCacheBigBatchMain() {
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            System.out.println("usage: GradCacheBigBatchMain cached|plain batch miniBatch steps widths");
            System.exit(2);
        }
        String mode = args[0];
        int batch = Integer.parseInt(args[1]), mini = Integer.parseInt(args[2]), steps = Integer.parseInt(args[3]);
        int[] widths = Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray();
        // Data, model and optimiser are built before the guarded section, so an OOM there is the step's own.
        Tensor[] pairs = pairs(Digits.load(), batch, 7);
        MLP model = MLP.builder(widths).dtype(DType.F32).rng(new Rng(11)).build();
        Optimizer opt = OptimRegistry.create("adamw", ParamGroups.defaults(model, 1e-3, 1e-4), Params.empty());
        Loss plain = LossRegistry.find("L101").factory().apply(Params.empty());
        CachedInfoNceLoss cached = new CachedInfoNceLoss(plain, mini);
        List<Double> losses = new ArrayList<>();
        try {
            for (int s = 0; s < steps; s++) {
                opt.zeroGrad();
                double v;
                if (mode.equals("cached")) {
                    v = cached.forwardBackward(model::forward, Map.of(InfoNce.ANCHORS, pairs[0], InfoNce.POSITIVES, pairs[1]), Map.of());
                } else if (mode.equals("plain")) {
                    Tensor l = plain.compute(LossInputs.of(Map.of(InfoNce.ANCHORS, model.forward(pairs[0]), InfoNce.POSITIVES, model.forward(pairs[1]))));
                    v = l.item();
                    l.backward();
                } else {
                    System.out.println("unknown mode " + mode);
                    System.exit(2);
                    return;
                }
                opt.step();
                losses.add(v);
            }
        } catch (OutOfMemoryError e) {
            losses = null; // drop references before printing
            if (System.getProperty("gc.trace") != null) e.printStackTrace();
            System.out.println("RESULT OOM " + mode + " after " + e.getMessage());
            System.out.flush();
            System.exit(EXIT_OOM);
        }
        System.out.println("RESULT OK " + mode + " losses=" + losses + " maxMemoryMiB=" + Runtime.getRuntime().maxMemory() / (1 << 20));
        System.out.flush();
        System.exit(0);
    }

    /**
     * {@code batch} (anchor, positive) pairs: the anchor is a random digit, the positive a different random digit of
     * the same class plus Gaussian pixel noise (σ = 0.05). Returns {anchors, positives}, each batch x 64 F32.
     */
    static Tensor[] pairs(LabelledDataset d, int batch, long seed) {
        Rng r = new Rng(seed);
        int n = d.size(), dim = d.dim();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < d.numClasses(); c++) byClass.add(new ArrayList<>());
        for (int i = 0; i < n; i++) byClass.get(d.labels()[i]).add(i);
        float[] a = new float[batch * dim], p = new float[batch * dim];
        for (int b = 0; b < batch; b++) {
            int i = r.nextInt(n);
            List<Integer> same = byClass.get(d.labels()[i]);
            int j;
            do {
                j = same.get(r.nextInt(same.size()));
            } while (j == i);
            for (int k = 0; k < dim; k++) {
                a[b * dim + k] = d.features()[i][k];
                p[b * dim + k] = d.features()[j][k] + (float) (0.05 * r.nextGaussian());
            }
        }
        return new Tensor[]{Tensor.of(a, batch, dim), Tensor.of(p, batch, dim)};
    }
}
