package io.contrast4j.trainer.train;

import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.NonFiniteException;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.nn.optim.LrSchedule;
import io.contrast4j.nn.optim.Optimizer;
import io.contrast4j.samplers.corpus.DenseCandidateSource;
import io.contrast4j.samplers.corpus.HardNegativeMiner;
import io.contrast4j.samplers.index.Bm25;
import io.contrast4j.samplers.index.KnnIndex;
import io.contrast4j.samplers.index.Metric;
import io.contrast4j.samplers.index.TopK;
import io.contrast4j.trainer.data.Beir;
import io.contrast4j.trainer.data.RetrievalDataset;
import io.contrast4j.trainer.data.Split;
import io.contrast4j.trainer.data.WordNet;
import io.contrast4j.trainer.metrics.RankedRetrieval;
import io.contrast4j.trainer.metrics.RetrievalMetrics;
import io.contrast4j.trainer.metrics.MetricValues;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dense retrieval on a text data set (WordNet definitions → synsets, or a BEIR folder): a hashed n-gram bag encoder
 * trained with an in-batch-negative loss (default L101 InfoNCE), optionally with hard negatives mined from BM25 and
 * filtered positive-aware (a candidate scoring above 95% of the positive's BM25 score is dropped as a likely false
 * negative, NV-Retriever's TopK-PercPos rule); nDCG@10 and MRR@10 against BM25 on the same test queries.
 */
public final class TextRun {
    public static final List<String> SHOWN = List.of("ndcg@10", "mrr@10", "recall@10");
    /** Positive-aware false-negative filter (S201 TopK-PercPos): keep a mined negative only if its score is below this fraction of the positive's. */
    public static final double POS_AWARE_MARGIN = 0.95;

    private TextRun() {
    }

    public record Result(Map<String, Double> test, Map<String, Double> bm25, Path dir, int steps, double seconds) {
    }

    public static boolean isText(String data) {
        return data.equalsIgnoreCase("wordnet") || Files.isDirectory(Path.of(data));
    }

    public static RetrievalDataset load(TrainConfig cfg) {
        String data = cfg.get("data");
        if (data.equalsIgnoreCase("wordnet")) {
            return WordNet.load(WordNet.DEFAULT_DIR, WordNet.Options.defaults().withMaxSynsets(cfg.getInt("wordnet-synsets")));
        }
        return Beir.load(Path.of(data));
    }

    public static Result run(TrainConfig cfg, PrintStream out, boolean terminal) {
        RetrievalDataset ds = load(cfg);
        cfg.resolveEncoderDefaults(true);
        long seed = cfg.getInt("seed");
        Rng rng = new Rng(seed);
        List<String> docIds = new ArrayList<>(ds.corpus().keySet());
        Map<String, Integer> docIndex = new HashMap<>();
        for (int i = 0; i < docIds.size(); i++) docIndex.put(docIds.get(i), i);
        List<String> docTexts = docIds.stream().map(ds.corpus()::get).toList();
        Bm25 bm25 = new Bm25(docTexts);

        Judged judged = judged(ds, Split.TRAIN, docIndex);
        List<String> trainQ = judged.queryIds();
        List<Integer> trainPos = judged.positives();
        if (trainQ.size() < 2) throw new IllegalArgumentException("--data " + cfg.get("data") + ": fewer than 2 training queries with a relevant document");
        int k = cfg.getInt("hard-negatives");
        if (k < 0) throw new IllegalArgumentException("--hard-negatives must be >= 0, got " + k);
        String mining = cfg.get("mining");
        if (!mining.equals("bm25") && !mining.equals("dense")) throw new IllegalArgumentException("--mining must be bm25 or dense, got '" + mining + "'");
        int[][] negatives = k == 0 ? null : mineNegatives(ds, docTexts, trainQ, trainPos, docIndex, k, seed, null);

        Encoders.Built enc = Encoders.forText(cfg, rng.split());
        Loss loss = TrainLoop.loss(cfg, "L101", 0, cfg.getInt("dim"));
        int batch = cfg.get("batch-size").equals("auto") ? 64 : cfg.getInt("batch-size");
        if (batch < 2) throw new IllegalArgumentException("--batch-size must be >= 2 for in-batch negatives, got " + batch);
        int perEpoch = trainQ.size() / batch;
        if (perEpoch == 0) throw new IllegalArgumentException("--batch-size " + batch + " exceeds the " + trainQ.size() + " training queries");
        int epochs = cfg.get("epochs").equals("auto") ? 8 : cfg.getInt("epochs");
        if (cfg.getInt("steps") < 0) throw new IllegalArgumentException("--steps must be >= 0, got " + cfg.getInt("steps"));
        int total = cfg.getInt("steps") > 0 ? cfg.getInt("steps") : epochs * perEpoch;
        Optimizer opt = TrainLoop.optimizer(cfg, enc.module(), loss);
        LrSchedule schedule = TrainLoop.schedule(cfg, total);
        if (!cfg.get("resume").isBlank()) throw new IllegalArgumentException("--resume is supported for labelled data sets; text runs restart");
        boolean nanCheck = cfg.getBool("nan-check"); // checked before the output directory is touched
        RunOutput output = RunOutput.open(cfg.get("out"), ds.name() + "-" + loss.info().id(), cfg.getBool("overwrite"));
        output.writeText("config.json", cfg.toJson() + "\n");
        Grad.checkNonFinite(nanCheck);
        out.printf(Locale.ROOT, "data      %s: %d documents, %d train / %d dev / %d test queries%n", ds.name(), docIds.size(), trainQ.size(),
                ds.queryIds(Split.DEV).size(), ds.queryIds(Split.TEST).size());
        out.printf(Locale.ROOT, "encoder   hashed n-gram bag (%d buckets) -> %d, %,d parameters%n", enc.inputDim(), cfg.getInt("dim"), enc.module().parameterCount());
        out.printf(Locale.ROOT, "loss      %s %s, batch %d, %s%n", loss.info().id(), loss.info().name(), batch,
                k == 0 ? "in-batch negatives" : k + " mined hard negatives per query from " + (mining.equals("dense")
                        ? "BM25, then the encoder itself re-mined every epoch (ANCE-style)" : "BM25") + ", positive-aware filter " + POS_AWARE_MARGIN);
        out.println("output    " + output.dir());

        Progress progress = new Progress(out, terminal, total);
        int step = 0, epoch = 0;
        boolean stopped = false;
        try {
            outer:
            while (true) {
                int[] order = new int[trainQ.size()];
                for (int i = 0; i < order.length; i++) order[i] = i;
                new Rng(seed * 31 + epoch).shuffle(order);
                if (negatives != null && mining.equals("dense") && epoch > 0) {
                    negatives = mineNegatives(ds, docTexts, trainQ, trainPos, docIndex, k, seed + epoch, enc);
                }
                enc.module().train(true);
                for (int s = 0; s + batch <= order.length; s += batch) {
                    if (step >= total) break outer;
                    List<String> q = new ArrayList<>(batch), p = new ArrayList<>(batch), n = new ArrayList<>();
                    for (int i = s; i < s + batch; i++) {
                        int qi = order[i];
                        q.add(ds.queries().get(trainQ.get(qi)));
                        p.add(docTexts.get(trainPos.get(qi)));
                        if (negatives != null) for (int j = 0; j < k; j++) n.add(docTexts.get(negatives[qi][j]));
                    }
                    final int bs = batch;
                    double lv = TrainLoop.step(() -> {
                        LossInputs in = LossInputs.of(Map.of("anchors", enc.forwardTexts(q), "positives", enc.forwardTexts(p)));
                        if (!n.isEmpty()) in = in.with("negatives", enc.forwardTexts(n).reshape(bs, k, -1));
                        return loss.compute(in);
                    }, opt, schedule, step, enc.module(), loss);
                    step++;
                    output.logStep(step, epoch + 1, lv, schedule.lr(step - 1));
                    progress.step(step, epoch + 1, lv, schedule.lr(step - 1), batch);
                }
                epoch++;
                Map<String, Double> dev = evaluate(enc, ds, docTexts, docIndex, Split.DEV);
                output.logDev(step, dev);
                progress.line(String.format(Locale.ROOT, "epoch %d  dev  nDCG@10 %.4f  MRR@10 %.4f", epoch, dev.get("ndcg@10"), dev.get("mrr@10")));
                TrainState.save(output, enc, loss, opt, cfg, step, epoch);
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
        Map<String, Double> test = evaluate(enc, ds, docTexts, docIndex, Split.TEST);
        Map<String, Double> base = evaluateBm25(bm25, ds, docIndex, Split.TEST);
        TrainState.save(output, enc, loss, opt, cfg, step, epoch);
        output.writeMetricsCsv();
        output.writeReport("contrast4j: " + ds.name() + " retrieval with " + loss.info().id() + " " + loss.info().name(), cfg.asMap(), test, base, null, null, null);
        out.println();
        out.printf(Locale.ROOT, "%-30s %10s %10s%n", "test metric (" + ds.queryIds(Split.TEST).size() + " queries)", "trained", "BM25");
        for (String m : SHOWN) out.printf(Locale.ROOT, "%-30s %10.4f %10.4f%n", m, test.get(m), base.get(m));
        out.printf(Locale.ROOT, "%ntrained %d steps in %.1f s; report: %s%n", step, progress.seconds(), output.dir().resolve("report.html"));
        return new Result(test, base, output.dir(), step, progress.seconds());
    }

    /** Queries of a split that have a judged document in the corpus, with their most relevant one (first on ties). */
    public record Judged(List<String> queryIds, List<Integer> positives) {
    }

    public static Judged judged(RetrievalDataset ds, Split split, Map<String, Integer> docIndex) {
        List<String> qs = new ArrayList<>();
        List<Integer> pos = new ArrayList<>();
        for (String q : ds.queryIds(split)) {
            String best = null;
            int bestRel = 0;
            for (var e : ds.qrels().getOrDefault(q, Map.of()).entrySet()) {
                if (e.getValue() > bestRel && docIndex.containsKey(e.getKey())) {
                    best = e.getKey();
                    bestRel = e.getValue();
                }
            }
            if (best != null) {
                qs.add(q);
                pos.add(docIndex.get(best));
            }
        }
        return new Judged(qs, pos);
    }

    /** Every judged document of each query (any grade): never to be mined as a negative for it. */
    public static int[][] exclusions(RetrievalDataset ds, List<String> queryIds, Map<String, Integer> docIndex) {
        int[][] exclude = new int[queryIds.size()][];
        for (int i = 0; i < queryIds.size(); i++) {
            exclude[i] = ds.qrels().getOrDefault(queryIds.get(i), Map.of()).keySet().stream().filter(docIndex::containsKey).mapToInt(docIndex::get).toArray();
        }
        return exclude;
    }

    /**
     * Hard negatives per training query from the library's corpus miner (S201 with S202 BM25 candidates and the
     * TopK-PercPos relative-margin filter); rows with too few candidates are padded by repeating their negatives,
     * and a row with none gets random non-relevant documents.
     */
    static int[][] mineNegatives(RetrievalDataset ds, List<String> docTexts, List<String> trainQ, List<Integer> trainPos,
                                 Map<String, Integer> docIndex, int k, long seed, Encoders.Built dense) {
        int[][] exclude = exclusions(ds, trainQ, docIndex);
        List<String> queries = trainQ.stream().map(ds.queries()::get).toList();
        int[] pos = trainPos.stream().mapToInt(Integer::intValue).toArray();
        HardNegativeMiner miner = HardNegativeMiner.topKPercPos(k, seed);
        int[][] ids;
        if (dense == null) {
            ids = miner.mineBm25(docTexts, queries, pos, exclude).padded(k);
        } else { // ANCE-style: candidates from the current encoder (S200 exact k-NN), same positive-aware filter
            dense.module().eval();
            float[][] docs = dense.embedTexts(docTexts), qs = dense.embedTexts(queries);
            dense.module().train(true);
            ids = miner.mine(new DenseCandidateSource(KnnIndex.of(docs, Metric.COSINE), qs), pos, exclude).padded(k);
        }
        Rng fill = new Rng(seed + 17);
        for (int i = 0; i < ids.length; i++) {
            java.util.Set<Integer> ex = new java.util.HashSet<>();
            for (int e : exclude[i]) ex.add(e);
            for (int j = 0; j < k; j++) {
                while (ids[i][j] < 0) {
                    int d = fill.nextInt(docTexts.size());
                    if (!ex.contains(d) || ex.size() >= docTexts.size()) ids[i][j] = d;
                }
            }
        }
        return ids;
    }

    static Map<String, Double> evaluate(Encoders.Built enc, RetrievalDataset ds, List<String> docTexts, Map<String, Integer> docIndex, Split split) {
        enc.module().eval();
        float[][] docs = enc.embedTexts(docTexts);
        List<String> qids = ds.queryIds(split);
        float[][] qs = enc.embedTexts(qids.stream().map(ds.queries()::get).toList());
        enc.module().train(true);
        KnnIndex index = KnnIndex.of(docs, Metric.COSINE);
        TopK top = index.search(qs, Math.min(100, docs.length), (int[][]) null);
        return measure(top.ids(), ds, qids, docIndex);
    }

    static Map<String, Double> evaluateBm25(Bm25 bm25, RetrievalDataset ds, Map<String, Integer> docIndex, Split split) {
        List<String> qids = ds.queryIds(split);
        TopK top = bm25.search(qids.stream().map(ds.queries()::get).toList(), 100, null);
        return measure(top.ids(), ds, qids, docIndex);
    }

    static Map<String, Double> measure(int[][] ranked, RetrievalDataset ds, List<String> qids, Map<String, Integer> docIndex) {
        List<int[]> rankings = new ArrayList<>();
        List<Map<Integer, Integer>> qrels = new ArrayList<>();
        for (int i = 0; i < qids.size(); i++) {
            rankings.add(ranked[i]);
            Map<Integer, Integer> m = new HashMap<>();
            ds.qrels().getOrDefault(qids.get(i), Map.of()).forEach((d, r) -> {
                if (docIndex.containsKey(d)) m.put(docIndex.get(d), r);
            });
            qrels.add(m);
        }
        MetricValues v = new RetrievalMetrics().compute(new RankedRetrieval(rankings, qrels));
        Map<String, Double> out = new LinkedHashMap<>();
        for (String s : SHOWN) out.put(s, v.get(s));
        return out;
    }
}
