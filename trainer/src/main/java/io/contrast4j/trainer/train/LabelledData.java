package io.contrast4j.trainer.train;

import io.contrast4j.trainer.data.Csv;
import io.contrast4j.trainer.data.Digits;
import io.contrast4j.trainer.data.FashionMnist;
import io.contrast4j.trainer.data.Jsonl;
import io.contrast4j.trainer.data.LabelledDataset;
import io.contrast4j.trainer.data.Split;
import io.contrast4j.trainer.data.TrainTestSplit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Train / dev / test splits of a labelled (vector + class) data set for metric learning.
 *
 * @param protocol  how the test split relates to training ("held-out samples", "standard test split",
 *                  "open set: unseen classes")
 * @param reference where Precision@1 looks up a test sample's nearest neighbour: the training split for the standard
 *                  Fashion-MNIST protocol (1-NN classification, as its published baselines), else null (leave-one-out
 *                  within the test split, as for the other metrics)
 */
public record LabelledData(String name, LabelledDataset train, LabelledDataset dev, LabelledDataset test,
                           String[] classNames, String protocol, LabelledDataset reference) {

    public static boolean isLabelled(String data) {
        String d = data.toLowerCase(Locale.ROOT);
        return d.equals("digits") || d.startsWith("fashion-mnist") || d.endsWith(".csv") || d.endsWith(".tsv")
                || d.endsWith(".csv.gz") || d.endsWith(".tsv.gz") || d.endsWith(".vectors.jsonl");
    }

    public static LabelledData load(TrainConfig cfg) {
        String data = cfg.get("data");
        long seed = cfg.getInt("seed");
        int maxTrain = cfg.getInt("max-train");
        return switch (data.toLowerCase(Locale.ROOT)) {
            case "digits" -> {
                TrainTestSplit s = Digits.split(0.2, seed);
                TrainTestSplit td = s.train().stratifiedSplit(0.15, seed + 1);
                yield new LabelledData("digits", cap(td.train(), maxTrain, seed), td.test(), s.test(), names(10), "held-out 20% (stratified)", null);
            }
            case "fashion-mnist" -> {
                LabelledDataset train = FashionMnist.load(Split.TRAIN), test = FashionMnist.load(Split.TEST);
                TrainTestSplit td = train.stratifiedSplit(1.0 / 12, seed + 1);
                yield new LabelledData("fashion-mnist", cap(td.train(), maxTrain, seed), cap(td.test(), 2000, seed), test,
                        FashionMnist.CLASS_NAMES, "standard test split; Precision@1 = 1-NN against the 60,000 training images", train);
            }
            case "fashion-mnist-openset" -> {
                TrainTestSplit os = FashionMnist.openSet(FashionMnist.DEFAULT_DIR);
                TrainTestSplit td = os.train().stratifiedSplit(1.0 / 12, seed + 1);
                yield new LabelledData("fashion-mnist-openset", cap(td.train(), maxTrain, seed), cap(td.test(), 2000, seed), os.test(),
                        FashionMnist.CLASS_NAMES, "open set: train classes 0-4, evaluate on unseen classes 5-9", null);
            }
            default -> {
                Path p = Path.of(data);
                if (!Files.exists(p)) {
                    throw new IllegalArgumentException("--data " + data + ": not a built-in data set (digits, fashion-mnist, fashion-mnist-openset, wordnet) and no such file");
                }
                LabelledDataset all = data.endsWith(".jsonl") ? Jsonl.loadLabelledVectors(p) : Csv.load(p);
                TrainTestSplit s = all.stratifiedSplit(0.2, seed);
                TrainTestSplit td = s.train().stratifiedSplit(0.15, seed + 1);
                yield new LabelledData(p.getFileName().toString(), cap(td.train(), maxTrain, seed), td.test(), s.test(), null, "held-out 20% (stratified)", null);
            }
        };
    }

    private static LabelledDataset cap(LabelledDataset d, int max, long seed) {
        if (max <= 0 || d.size() <= max) return d;
        return d.stratifiedSplit(1.0 - (double) max / d.size(), seed + 7).train();
    }

    private static String[] names(int n) {
        String[] s = new String[n];
        for (int i = 0; i < n; i++) s[i] = Integer.toString(i);
        return s;
    }
}
