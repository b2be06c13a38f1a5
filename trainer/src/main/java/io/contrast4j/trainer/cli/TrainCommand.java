package io.contrast4j.trainer.cli;

import io.contrast4j.autograd.backend.Backends;
import io.contrast4j.trainer.train.LabelledData;
import io.contrast4j.trainer.train.LabelledRun;
import io.contrast4j.trainer.train.Progress;
import io.contrast4j.trainer.train.TextRun;
import io.contrast4j.trainer.train.TrainConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** {@code c4j train}: trains an encoder and writes checkpoint, config, metrics CSV and report to the output directory. */
public final class TrainCommand {
    private TrainCommand() {
    }

    public static int run(String[] argv, PrintStream out) {
        Set<String> valued = new HashSet<>(TrainConfig.KEYS.keySet());
        valued.add("config");
        Args a = Args.parse("train", argv, 1, valued, Set.of("help"));
        if (a.flag("help")) {
            out.print(TrainConfig.help());
            return 0;
        }
        if (!a.positionals().isEmpty()) throw new UsageException("unexpected argument '" + a.positionals().get(0) + "'", "c4j train --help");
        String cfgFile = a.get("config", null);
        if (cfgFile == null && a.get("resume", null) != null) {
            cfgFile = Path.of(a.get("resume", null), "config.json").toString(); // a resumed run keeps its configuration
            if (!java.nio.file.Files.exists(Path.of(cfgFile))) throw new UsageException("--resume " + a.get("resume", null) + ": no config.json there (not a c4j run directory)", "c4j train --help");
        }
        TrainConfig cfg;
        try {
            cfg = TrainConfig.resolve(cfgFile == null ? null : Path.of(cfgFile), a.options());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), "c4j train --help");
        }
        try (var b = Backends.use(cfg.get("backend"))) {
            String data = cfg.get("data");
            if (LabelledData.isLabelled(data)) LabelledRun.run(cfg, out, Progress.isTerminal());
            else if (TextRun.isText(data)) TextRun.run(cfg, out, Progress.isTerminal());
            else throw new UsageException("--data " + data + ": not a built-in data set (digits, fashion-mnist, fashion-mnist-openset, wordnet), "
                        + "a CSV/TSV file or a BEIR folder", "c4j train --help");
        } catch (IllegalArgumentException e) {
            // a refused option value: one line plus the usage hint, like every other usage error
            throw new UsageException(e.getMessage(), "c4j train --help");
        }
        return 0;
    }
}
