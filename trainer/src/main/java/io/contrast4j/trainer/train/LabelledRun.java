package io.contrast4j.trainer.train;

import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.NonFiniteException;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.IndicesTuple;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.nn.optim.LrSchedule;
import io.contrast4j.nn.optim.Optimizer;
import io.contrast4j.samplers.SamplerRegistry;
import io.contrast4j.samplers.batch.BatchSampler;
import io.contrast4j.samplers.miners.Miner;
import io.contrast4j.trainer.data.LabelledDataset;
import io.contrast4j.trainer.metrics.AccuracyCalculator;
import io.contrast4j.trainer.metrics.LabelledEmbeddings;
import io.contrast4j.trainer.metrics.MetricValues;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Metric learning on a labelled data set: an MLP encoder trained with any embeddings + labels loss of the registry,
 * P x K batches (or any registered batch sampler), an optional miner; dev evaluation every epoch
 * (Precision@1, R-Precision, MAP@R); final test metrics next to the raw-feature baseline.
 */
public final class LabelledRun {
    /** The metrics shown in the final table, in order (names from the M02 accuracy calculator). */
    public static final List<String> SHOWN = List.of("precision_at_1", "r_precision", "mean_average_precision_at_r", "NMI", "AMI");

    private LabelledRun() {
    }

    /** What a run measured. */
    public record Result(Map<String, Double> test, Map<String, Double> baseline, java.nio.file.Path dir, int steps, double seconds) {
    }

    public static Result run(TrainConfig cfg, PrintStream out, boolean terminal) {
        String encoderKind = cfg.get("encoder");
        if (!encoderKind.equals("auto") && !encoderKind.equals("mlp")) {
            throw new IllegalArgumentException("--encoder " + encoderKind + ": labelled feature-vector data trains an mlp (or auto)");
        }
        LabelledData data = LabelledData.load(cfg);
        cfg.resolveEncoderDefaults(false);
        long seed = cfg.getInt("seed");
        Rng rng = new Rng(seed);
        LabelledDataset train = data.train();
        int dim = cfg.getInt("dim");
        Encoders.Built enc = Encoders.forVectors(cfg, train.dim(), rng.split());
        Loss loss = TrainLoop.loss(cfg, "L011", train.numClasses(), dim);
        Miner miner = cfg.get("miner").equals("none") ? null : SamplerRegistry.miner(cfg.get("miner"), Params.parse(cfg.minerParams()));
        int batchSize = cfg.get("batch-size").equals("auto") ? 128 : cfg.getInt("batch-size");
        if (batchSize <= 0) throw new IllegalArgumentException("--batch-size must be > 0, got " + batchSize);
        BatchSampler sampler = sampler(cfg, train.labels(), batchSize);
        List<int[]> first = sampler.epoch(seed, 0);
        int perEpoch = first.size();
        int epochs = cfg.get("epochs").equals("auto") ? defaultEpochs(data.name()) : cfg.getInt("epochs");
        if (cfg.getInt("steps") < 0) throw new IllegalArgumentException("--steps must be >= 0, got " + cfg.getInt("steps"));
        int total = cfg.getInt("steps") > 0 ? cfg.getInt("steps") : epochs * perEpoch;
        if (total <= 0) throw new IllegalArgumentException("nothing to train: --epochs " + epochs + " and --steps " + cfg.getInt("steps"));
        Optimizer opt = TrainLoop.optimizer(cfg, enc.module(), loss);
        LrSchedule schedule = TrainLoop.schedule(cfg, total);
        // every remaining option is checked before the output directory is touched: a refused run writes nothing
        int checkpointEvery = cfg.getInt("checkpoint-every");
        if (checkpointEvery < 0) throw new IllegalArgumentException("--checkpoint-every must be >= 0, got " + checkpointEvery);
        int evalEvery = cfg.getInt("eval-every");
        if (evalEvery < 1) throw new IllegalArgumentException("--eval-every must be >= 1, got " + evalEvery);
        boolean nanCheck = cfg.getBool("nan-check");
        boolean resuming = !cfg.get("resume").isBlank();
        RunOutput output = resuming ? RunOutput.reopen(java.nio.file.Path.of(cfg.get("resume")))
                : RunOutput.open(cfg.get("out"), data.name() + "-" + loss.info().id(), cfg.getBool("overwrite"));
        int step = 0, epoch = 0;
        if (resuming) {
            TrainState.Position pos = TrainState.restore(output.dir(), enc, loss, opt);
            step = pos.step();
            epoch = pos.epoch();
            output.truncateTo(step);
        } else {
            output.writeText("config.json", cfg.toJson() + "\n");
        }
        Grad.checkNonFinite(nanCheck);

        out.printf(Locale.ROOT, "data      %s: %d train / %d dev / %d test, %d features, %d classes (%s)%n", data.name(), train.size(),
                data.dev().size(), data.test().size(), train.dim(), train.numClasses(), data.protocol());
        out.printf(Locale.ROOT, "encoder   %s, %,d parameters%n", enc.module().toString().lines().findFirst().orElse("").trim()
                + " " + java.util.Arrays.toString(((io.contrast4j.nn.layers.MLP) ((io.contrast4j.nn.layers.Sequential) enc.module()).get(0)).widths()), enc.module().parameterCount());
        out.printf(Locale.ROOT, "loss      %s %s%s%n", loss.info().id(), loss.info().name(), miner == null ? "" : ", miner " + miner.info().id() + " " + miner.info().name());
        out.printf(Locale.ROOT, "sampler   %s %s, batch %d, %d steps (%d per epoch), %s lr %s%n", sampler.info().id(), sampler.info().name(),
                batchSize, total, perEpoch, cfg.get("optimizer"), cfg.get("lr"));
        out.println("output    " + output.dir() + (resuming ? " (resumed at step " + step + ")" : ""));

        Progress progress = new Progress(out, terminal, total);
        Map<String, Double> lastDev = Map.of();
        boolean stopped = false;
        float[][] x = train.features();
        int[] y = train.labels();
        try {
            outer:
            while (true) {
                List<int[]> batches = epoch == 0 ? first : sampler.epoch(seed, epoch);
                enc.module().train(true);
                int skip = step - epoch * perEpoch; // batches of this epoch already done before a resume
                for (int bi = Math.max(0, skip); bi < batches.size(); bi++) {
                    int[] b = batches.get(bi);
                    if (step >= total) break outer;
                    float[][] bx = new float[b.length][];
                    int[] by = new int[b.length];
                    for (int i = 0; i < b.length; i++) {
                        bx[i] = x[b[i]];
                        by[i] = y[b[i]];
                    }
                    Tensor xb = Tensor.fromArray(bx);
                    IndicesTuple[] mined = new IndicesTuple[1];
                    double lv = TrainLoop.step(() -> {
                        Tensor emb = enc.module().forward(xb);
                        LossInputs in = LossInputs.of(emb, by);
                        if (miner != null) {
                            if (mined[0] == null) mined[0] = miner.mine(emb.detach(), by);
                            in = in.withMined(mined[0]);
                        }
                        return loss.compute(in);
                    }, opt, schedule, step, enc.module(), loss);
                    step++;
                    output.logStep(step, epoch + 1, lv, schedule.lr(step - 1));
                    progress.step(step, epoch + 1, lv, schedule.lr(step - 1), b.length);
                    if (checkpointEvery > 0 && step % checkpointEvery == 0 && step < total) {
                        TrainState.save(output, enc, loss, opt, cfg, step, bi + 1 == batches.size() ? epoch + 1 : epoch);
                        output.writeMetricsCsv();
                    }
                }
                epoch++;
                if (epoch % evalEvery == 0 || step >= total) {
                    lastDev = evaluate(enc, data.dev(), seed);
                    output.logDev(step, lastDev);
                    progress.line(String.format(Locale.ROOT, "epoch %d  dev  P@1 %.4f  MAP@R %.4f", epoch,
                            lastDev.get("precision_at_1"), lastDev.get("mean_average_precision_at_r")));
                    TrainState.save(output, enc, loss, opt, cfg, step, epoch);
                    output.writeMetricsCsv();
                }
                if (step >= total) break;
            }
        } catch (NonFiniteException e) {
            progress.finish();
            stopped = true;
            output.writeMetricsCsv();
            throw new NonFiniteException(e.op(), "at step " + (step + 1) + ": " + TrainLoop.detail(e)
                    + " — training stopped; the last good checkpoint in " + output.dir() + " was kept");
        } finally {
            Grad.checkNonFinite(false);
            if (!stopped) progress.finish();
        }
        Map<String, Double> test = evaluate(enc, data.test(), data.reference(), seed);
        Map<String, Double> base = evaluateRaw(data.test(), data.reference(), seed);
        TrainState.save(output, enc, loss, opt, cfg, step, epoch);
        output.writeMetricsCsv();
        float[][] testEmb = enc.embedVectors(data.test().features());
        output.writeReport("contrast4j: " + data.name() + " with " + loss.info().id() + " " + loss.info().name(), cfg.asMap(), test, base,
                testEmb, data.test().labels(), data.classNames());
        out.println();
        out.printf(Locale.ROOT, "%-30s %10s %12s%n", "test metric (" + data.test().size() + " samples)", "trained", "raw features");
        for (String k : SHOWN) out.printf(Locale.ROOT, "%-30s %10.4f %12.4f%n", pretty(k), test.get(k), base.get(k));
        out.printf(Locale.ROOT, "%ntrained %d steps in %.1f s; report: %s%n", step, progress.seconds(), output.dir().resolve("report.html"));
        return new Result(test, base, output.dir(), step, progress.seconds());
    }

    static BatchSampler sampler(TrainConfig cfg, int[] labels, int batchSize) {
        String id = cfg.get("sampler");
        if (id.equals("auto")) id = "S004";
        Params p = Params.empty().with("batch_size", batchSize);
        if (id.equalsIgnoreCase("S004")) {
            // P classes x m samples: m = 4 when there are enough classes, else spread the batch over all classes
            int classes = (int) java.util.Arrays.stream(labels).distinct().count();
            int m = classes * 4 >= batchSize ? 4 : Math.max(2, batchSize / classes);
            p = Params.empty().with("batch_size", batchSize / m * m).with("m", m).with("length_before_new_iter", Math.max(labels.length, batchSize));
        }
        return SamplerRegistry.sampler(id, p, io.contrast4j.samplers.batch.SamplerData.ofLabels(labels));
    }

    static int defaultEpochs(String data) {
        return switch (data) {
            case "digits" -> 40;
            case "fashion-mnist", "fashion-mnist-openset" -> 6;
            default -> 20;
        };
    }

    public static Map<String, Double> evaluate(Encoders.Built enc, LabelledDataset d, long seed) {
        return evaluate(enc, d, null, seed);
    }

    /** Test metrics; with a {@code reference} set, Precision@1 is 1-NN accuracy against it (the rest stay leave-one-out). */
    public static Map<String, Double> evaluate(Encoders.Built enc, LabelledDataset d, LabelledDataset reference, long seed) {
        enc.module().eval();
        float[][] e = enc.embedVectors(d.features());
        float[][] r = reference == null ? null : enc.embedVectors(reference.features());
        enc.module().train(true);
        Map<String, Double> m = measure(e, d.labels(), seed);
        if (reference != null) m.put("precision_at_1", oneNn(e, d.labels(), r, reference.labels()));
        return m;
    }

    public static Map<String, Double> evaluateRaw(LabelledDataset d, long seed) {
        return evaluateRaw(d, null, seed);
    }

    public static Map<String, Double> evaluateRaw(LabelledDataset d, LabelledDataset reference, long seed) {
        Map<String, Double> m = measure(d.features(), d.labels(), seed);
        if (reference != null) m.put("precision_at_1", oneNn(d.features(), d.labels(), reference.features(), reference.labels()));
        return m;
    }

    /** Fraction of queries whose L2 nearest neighbour in the reference set has their label (ties to the lower index). */
    static double oneNn(float[][] q, int[] ql, float[][] ref, int[] rl) {
        int[][] nn = io.contrast4j.trainer.metrics.ExactKnn.search(q, ref, 1, io.contrast4j.trainer.metrics.ExactKnn.Kind.L2, false);
        int hits = 0;
        for (int i = 0; i < q.length; i++) if (nn[i].length > 0 && rl[nn[i][0]] == ql[i]) hits++;
        return hits / (double) q.length;
    }

    static Map<String, Double> measure(float[][] emb, int[] labels, long seed) {
        MetricValues v = new AccuracyCalculator(Params.empty().with("kmeans_seed", seed % 1000)).compute(new LabelledEmbeddings(emb, labels));
        Map<String, Double> m = new LinkedHashMap<>();
        for (String k : SHOWN) m.put(k, v.get(k));
        return m;
    }

    static Map<String, Tensor> checkpointTensors(Encoders.Built enc, Loss loss) {
        Map<String, Tensor> t = Checkpoints.tensorsOf(enc.module());
        List<Tensor> lp = loss.parameters();
        for (int i = 0; i < lp.size(); i++) t.put("loss.param" + i, lp.get(i));
        return t;
    }

    static Map<String, String> metadata(TrainConfig cfg, Encoders.Built enc) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "contrast4j");
        m.put("version", io.contrast4j.trainer.cli.Main.version());
        m.put("encoder", enc.kind());
        m.put("input_dim", Integer.toString(enc.inputDim()));
        m.put("config", cfg.toJson());
        return m;
    }

    /** Display name of a metric key (Precision@1, R-Precision, MAP@R). */
    public static String pretty(String k) {
        return switch (k) {
            case "precision_at_1" -> "Precision@1";
            case "r_precision" -> "R-Precision";
            case "mean_average_precision_at_r" -> "MAP@R";
            default -> k;
        };
    }
}
