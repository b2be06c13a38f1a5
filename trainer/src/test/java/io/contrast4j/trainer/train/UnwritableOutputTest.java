package io.contrast4j.trainer.train;

import io.contrast4j.nn.io.SafeTensors;
import io.contrast4j.trainer.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Output files that cannot be replaced (a directory squatting on the name: refused even for root): the run stops with
 * one clear line naming the file, exit code 2, leaves the obstacle as it was, and leaves no temporary files behind.
 */
class UnwritableOutputTest {
    @TempDir
    Path tmp;

    private static void assertCannotWrite(Cli.Result r, String file) {
        assertEquals(2, r.code(), r.describe());
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), "one line: " + r.describe());
        assertTrue(lines.get(0).startsWith("c4j: cannot write ") && lines.get(0).contains(file), r.describe());
        assertTrue(!lines.get(0).contains("internal error"), r.describe());
    }

    private static List<String> tmpFiles(Path dir) {
        return Cli.listing(dir).stream().filter(f -> f.endsWith(".tmp")).toList();
    }

    @Test
    void checkpointTargetIsADirectory() throws IOException {
        Path run = Files.createDirectory(tmp.resolve("run"));
        Path squat = Files.createDirectory(run.resolve(RunOutput.CHECKPOINT));
        Files.writeString(squat.resolve("keep.txt"), "keep");
        Cli.Result r = Cli.run("train", "--steps", "6", "--checkpoint-every", "2", "--dim", "16", "--hidden", "32",
                "--out", run.toString(), "--overwrite", "true");
        assertCannotWrite(r, RunOutput.CHECKPOINT);
        assertEquals("keep", Files.readString(squat.resolve("keep.txt")));
        assertEquals(List.of(), tmpFiles(run));
    }

    @Test
    void metricsTargetIsADirectoryAfterACheckpoint() throws IOException {
        Path run = Files.createDirectory(tmp.resolve("run"));
        Path squat = Files.createDirectory(run.resolve("metrics.csv"));
        Files.writeString(squat.resolve("keep.txt"), "keep");
        Cli.Result r = Cli.run("train", "--steps", "6", "--checkpoint-every", "2", "--dim", "16", "--hidden", "32",
                "--out", run.toString(), "--overwrite", "true");
        assertCannotWrite(r, "metrics.csv");
        // the checkpoint of step 2 was written before metrics.csv failed: complete and loadable
        assertEquals("2", SafeTensors.read(run.resolve(RunOutput.CHECKPOINT)).metadata().get("step"));
        assertEquals("keep", Files.readString(squat.resolve("keep.txt")));
        assertEquals(List.of(), tmpFiles(run));
    }
}
