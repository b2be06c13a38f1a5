package io.contrast4j.trainer.cli;

import io.contrast4j.autograd.registry.Params;
import io.contrast4j.samplers.corpus.Bm25CandidateSource;
import io.contrast4j.samplers.corpus.CandidateSource;
import io.contrast4j.samplers.corpus.DenseCandidateSource;
import io.contrast4j.samplers.corpus.HardNegativeMiner;
import io.contrast4j.samplers.corpus.MinedJsonl;
import io.contrast4j.samplers.corpus.MinedNegatives;
import io.contrast4j.samplers.index.KnnIndex;
import io.contrast4j.samplers.index.Metric;
import io.contrast4j.trainer.data.RetrievalDataset;
import io.contrast4j.trainer.data.Split;
import io.contrast4j.trainer.train.Checkpoints;
import io.contrast4j.trainer.train.TextRun;
import io.contrast4j.trainer.train.TrainConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code c4j mine}: hard negatives for the queries of a retrieval data set, from BM25 or a trained checkpoint, with
 * the positive-aware false-negative filters of S201, written to JSONL lines {"query", "positive", "negatives"}.
 */
public final class MineCommand {
    static final String HELP = """
            usage: c4j mine --data wordnet|BEIR_DIR --out negatives.jsonl [--checkpoint RUN_DIR] [--split train|dev|test]
                            [--param name=value]...
              Candidates come from BM25, or from the checkpoint's encoder (exact k-NN) when given. Miner parameters
              (S201, sentence-transformers mine_hard_negatives names): num_negatives (8), range_min, range_max,
              min_score, max_score, absolute_margin, relative_margin (0.05), sampling_strategy (top|random), seed.""";

    private MineCommand() {
    }

    public static int run(String[] argv, PrintStream out) {
        Args a = Args.parse("mine", argv, 1, Set.of("data", "out", "checkpoint", "split", "param", "wordnet-synsets"), Set.of("help", "scores"));
        if (a.flag("help")) {
            out.println(HELP);
            return 0;
        }
        String target = a.get("out", null);
        if (target == null) throw new UsageException("missing --out FILE.jsonl", "c4j mine --help");
        Map<String, String> p = new LinkedHashMap<>(Map.of("num_negatives", "8", "relative_margin", "0.05", "range_max", "80"));
        p.putAll(Params.parse(a.all("param")).asMap());
        HardNegativeMiner miner;
        try {
            miner = HardNegativeMiner.fromParams(Params.of(p));
        } catch (IllegalArgumentException e) {
            throw new UsageException("S201: " + e.getMessage(), "c4j mine --help");
        }
        Map<String, List<String>> flags = new LinkedHashMap<>();
        flags.put("data", List.of(a.get("data", "wordnet")));
        if (a.get("wordnet-synsets", null) != null) flags.put("wordnet-synsets", List.of(a.get("wordnet-synsets", null)));
        TrainConfig cfg = TrainConfig.resolve(null, flags);
        if (!TextRun.isText(cfg.get("data"))) throw new UsageException("--data must be wordnet or a BEIR folder", "c4j mine --help");
        Split split = switch (a.get("split", "train").toLowerCase(Locale.ROOT)) {
            case "train" -> Split.TRAIN;
            case "dev" -> Split.DEV;
            case "test" -> Split.TEST;
            default -> throw new UsageException("--split must be train, dev or test", "c4j mine --help");
        };
        RetrievalDataset ds = TextRun.load(cfg);
        List<String> docIds = new ArrayList<>(ds.corpus().keySet());
        Map<String, Integer> docIndex = new HashMap<>();
        for (int i = 0; i < docIds.size(); i++) docIndex.put(docIds.get(i), i);
        List<String> docs = docIds.stream().map(ds.corpus()::get).toList();
        TextRun.Judged judged = TextRun.judged(ds, split, docIndex);
        List<String> queries = judged.queryIds().stream().map(ds.queries()::get).toList();
        List<Integer> positives = judged.positives();
        int[][] exclude = TextRun.exclusions(ds, judged.queryIds(), docIndex);
        CandidateSource source;
        String from;
        if (a.get("checkpoint", null) != null) {
            Checkpoints.Loaded l = Checkpoints.load(Path.of(a.get("checkpoint", null)));
            if (!l.encoder().kind().equals("bag")) throw new UsageException("the checkpoint's encoder is not a text encoder", "c4j mine --help");
            source = new DenseCandidateSource(KnnIndex.of(l.encoder().embedTexts(docs), Metric.COSINE), l.encoder().embedTexts(queries));
            from = "checkpoint " + a.get("checkpoint", null);
        } else {
            source = Bm25CandidateSource.of(docs, queries);
            from = "BM25";
        }
        int[] pos = positives.stream().mapToInt(Integer::intValue).toArray();
        long start = System.nanoTime();
        MinedNegatives mined = miner.mine(source, pos, exclude, (done, total) -> {
            if (done == total || done % 1000 == 0) System.err.printf(Locale.ROOT, "\rmined %d/%d queries", done, total);
        });
        System.err.println();
        Path file = Path.of(target);
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        int lines;
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            lines = MinedJsonl.write(w, queries, docs, pos, mined, a.flag("scores"), null);
        } catch (IOException e) {
            throw new UsageException("cannot write " + tmp + ": " + e.getMessage(), "c4j mine --help");
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UsageException("cannot write " + file + ": " + e.getMessage(), "c4j mine --help");
        }
        out.printf(Locale.ROOT, "wrote %d lines to %s (%s candidates, %s, %.1f s)%n", lines, file, from, mined.stats(), (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
