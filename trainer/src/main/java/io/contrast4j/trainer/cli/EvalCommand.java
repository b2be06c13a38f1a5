package io.contrast4j.trainer.cli;

import io.contrast4j.autograd.Rng;
import io.contrast4j.nn.io.Json;
import io.contrast4j.trainer.train.Checkpoints;
import io.contrast4j.trainer.train.Encoders;
import io.contrast4j.trainer.train.LabelledData;
import io.contrast4j.trainer.train.LabelledRun;
import io.contrast4j.trainer.train.TrainConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code c4j eval}: test-split metrics of a trained checkpoint, or of a baseline ({@code --baseline raw} for the raw
 * features, {@code --baseline untrained} for a freshly initialised encoder), as a table or JSON.
 */
public final class EvalCommand {
    static final String HELP = """
            usage: c4j eval (--checkpoint RUN_DIR | --baseline raw|untrained) [--data NAME|PATH] [--seed N] [--json]
              Prints Precision@1, R-Precision, MAP@R, NMI and AMI on the test split of a labelled data set.""";

    private EvalCommand() {
    }

    public static int run(String[] argv, PrintStream out) {
        Args a = Args.parse("eval", argv, 1, Set.of("checkpoint", "baseline", "data", "seed"), Set.of("json", "help"));
        if (a.flag("help")) {
            out.println(HELP);
            return 0;
        }
        String ckpt = a.get("checkpoint", null), baseline = a.get("baseline", null);
        if ((ckpt == null) == (baseline == null)) throw new UsageException("give exactly one of --checkpoint and --baseline", "c4j eval --help");
        Map<String, List<String>> flags = new LinkedHashMap<>();
        TrainConfig cfg;
        Encoders.Built enc = null;
        if (ckpt != null) {
            Checkpoints.Loaded l = Checkpoints.load(Path.of(ckpt));
            cfg = l.config();
            enc = l.encoder();
        } else {
            cfg = TrainConfig.resolve(null, flags);
        }
        if (a.get("data", null) != null) cfg.set("data", a.get("data", null));
        if (a.get("seed", null) != null) cfg.set("seed", a.get("seed", null));
        if (!LabelledData.isLabelled(cfg.get("data"))) throw new UsageException("c4j eval handles labelled data sets; got --data " + cfg.get("data"), "c4j eval --help");
        LabelledData data = LabelledData.load(cfg);
        cfg.resolveEncoderDefaults(false);
        long seed = cfg.getInt("seed");
        Map<String, Double> m;
        String what;
        if (baseline != null) {
            switch (baseline) {
                case "raw" -> {
                    m = LabelledRun.evaluateRaw(data.test(), data.reference(), seed);
                    what = "raw features";
                }
                case "untrained" -> {
                    m = LabelledRun.evaluate(Encoders.forVectors(cfg, data.train().dim(), new Rng(seed).split()), data.test(), data.reference(), seed);
                    what = "untrained encoder";
                }
                default -> throw new UsageException("--baseline must be raw or untrained, got '" + baseline + "'", "c4j eval --help");
            }
        } else {
            if (enc.inputDim() != data.test().dim()) {
                throw new UsageException("checkpoint expects " + enc.inputDim() + " features but " + data.name() + " has " + data.test().dim(), "c4j eval --help");
            }
            m = LabelledRun.evaluate(enc, data.test(), data.reference(), seed);
            what = "checkpoint " + ckpt;
        }
        if (a.flag("json")) {
            Map<String, Json> j = new LinkedHashMap<>();
            j.put("data", new Json.Str(data.name()));
            j.put("model", new Json.Str(what));
            j.put("samples", Json.Num.of(data.test().size()));
            Map<String, Json> mm = new LinkedHashMap<>();
            m.forEach((k, v) -> mm.put(k, Double.isFinite(v) ? Json.Num.of(v) : Json.Null.INSTANCE));
            j.put("metrics", new Json.Obj(mm));
            out.println(new Json.Obj(j).toJson());
        } else {
            out.printf(Locale.ROOT, "%s, test split (%d samples, %s): %s%n", data.name(), data.test().size(), data.protocol(), what);
            for (var e : m.entrySet()) out.printf(Locale.ROOT, "%-14s %.4f%n", LabelledRun.pretty(e.getKey()), e.getValue());
        }
        return 0;
    }
}
