package io.contrast4j.tests.e2e;

import io.contrast4j.autograd.Rng;
import io.contrast4j.trainer.train.Encoders;
import io.contrast4j.trainer.train.LabelledData;
import io.contrast4j.trainer.train.LabelledRun;
import io.contrast4j.trainer.train.TrainConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One end-to-end run per loss family on real data (scikit-learn digits, shipped in the jar): an MLP encoder trained
 * with the family's loss through the real trainer beats the same encoder untrained on the held-out test split.
 * Digits' nearest neighbour is already right for ~97% of samples before training, so the stated margin is on MAP@R
 * (whole-class neighbourhoods): trained MAP@R must exceed the untrained encoder's by at least 0.15, and
 * Recall@1 (= Precision@1) must stay within 0.02 of the untrained encoder's (it starts near its ceiling).
 */
class FamilyEndToEndTest {
    static final double MAP_MARGIN = 0.15;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "pair/triplet, L003, ''",
            "multi-similarity, L011, ''",
            "lifted/pair, L001, ''",
            "proxy, L042, ''",
            "margin-softmax, L049, scale=16",
            "supervised contrastive, L110, ''",
            "N-pairs, L111, ''"
    })
    void trainedBeatsUntrained(String family, String loss, String param) {
        Map<String, List<String>> flags = new LinkedHashMap<>();
        flags.put("loss", List.of(loss));
        if (!param.isEmpty()) flags.put("loss-param", List.of(param));
        flags.put("steps", List.of("150"));
        flags.put("eval-every", List.of("1000"));
        flags.put("out", List.of(tmp.resolve(loss).toString()));
        TrainConfig cfg = TrainConfig.resolve(null, flags);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        LabelledRun.Result r = LabelledRun.run(cfg, new PrintStream(log, true), false);

        TrainConfig base = TrainConfig.resolve(null, Map.of());
        base.resolveEncoderDefaults(false);
        LabelledData data = LabelledData.load(base);
        Map<String, Double> untrained = LabelledRun.evaluate(
                Encoders.forVectors(base, data.train().dim(), new Rng(base.getInt("seed")).split()), data.test(), 42);
        String msg = family + " " + loss + ": trained " + r.test() + " vs untrained " + untrained + "\n" + log;
        assertTrue(r.test().get("mean_average_precision_at_r") >= untrained.get("mean_average_precision_at_r") + MAP_MARGIN, msg);
        assertTrue(r.test().get("precision_at_1") >= untrained.get("precision_at_1") - 0.02, msg);
    }
}
