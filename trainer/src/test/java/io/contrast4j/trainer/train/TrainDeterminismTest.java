package io.contrast4j.trainer.train;

import io.contrast4j.trainer.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Same seed and config, different output directory: bit-identical checkpoint, config and metrics files. */
class TrainDeterminismTest {
    @TempDir
    Path tmp;

    private Path train(String name, String seed) {
        Path out = tmp.resolve(name);
        Cli.ok("train", "--steps", "12", "--checkpoint-every", "4", "--dim", "16", "--hidden", "32", "--seed", seed, "--out", out.toString());
        return out;
    }

    @Test
    void twoRunsWithTheSameSeedAreBitIdentical() throws IOException {
        Path a = train("a", "5"), b = train("b", "5");
        for (String f : new String[]{RunOutput.CHECKPOINT, "config.json", "metrics.csv"}) {
            assertEquals(-1L, Files.mismatch(a.resolve(f), b.resolve(f)), f + " differs between two identical runs (first differing byte)");
        }
        // and the comparison can fail: another seed gives another checkpoint
        Path c = train("c", "6");
        assertNotEquals(-1L, Files.mismatch(a.resolve(RunOutput.CHECKPOINT), c.resolve(RunOutput.CHECKPOINT)), "seed must matter");
    }
}
