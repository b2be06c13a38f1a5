package io.contrast4j.trainer.train;

import io.contrast4j.nn.io.SafeTensors;
import io.contrast4j.trainer.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run whose weights blow up (SGD at lr 1e30) stops at the first op that produces Inf/NaN: exit code 1, one line
 * naming the op and the step, and the last good checkpoint is left byte for byte as it was.
 */
class NonFiniteStopTest {
    private static final Pattern OP = Pattern.compile("op '([^']+)'");

    @TempDir
    Path tmp;

    private static void assertStopMessage(Cli.Result r, int step) {
        assertEquals(1, r.code(), r.describe());
        List<String> lines = r.errLines();
        assertEquals(1, lines.size(), "one line: " + r.describe());
        String line = lines.get(0);
        assertTrue(line.startsWith("c4j: non-finite value"), r.describe());
        Matcher m = OP.matcher(line);
        assertTrue(m.find() && !m.group(1).isBlank(), "must name the op: " + line);
        assertTrue(line.contains("at step " + step + ":"), "must name step " + step + ": " + line);
        assertEquals(line.indexOf("non-finite value"), line.lastIndexOf("non-finite value"), "the message repeats itself: " + line);
    }

    private static List<String> tmpFiles(Path dir) {
        return Cli.listing(dir).stream().filter(f -> f.endsWith(".tmp")).toList();
    }

    @Test
    void blowUpAfterACheckpointKeepsItIntact() throws IOException {
        Path run = tmp.resolve("run");
        Cli.ok("train", "--steps", "3", "--optimizer", "sgd", "--dim", "16", "--hidden", "32", "--out", run.toString());
        Path ck = run.resolve(RunOutput.CHECKPOINT);
        byte[] before = Files.readAllBytes(ck);
        // steps 1-3 are done; step 4 is the first at lr 1e30 (its forward still sees sane weights), so the forward
        // of step 5 is the first on blown-up weights
        Cli.Result r = Cli.run("train", "--resume", run.toString(), "--steps", "30", "--lr", "1e30", "--schedule", "constant");
        assertStopMessage(r, 5);
        assertTrue(r.errLines().get(0).contains(run.toString()), "must say where the kept checkpoint is: " + r.describe());
        assertArrayEquals(before, Files.readAllBytes(ck), "the last good checkpoint must be untouched");
        assertEquals("3", SafeTensors.read(ck).metadata().get("step"));
        assertEquals(List.of(), tmpFiles(run));
        // the run continues from the kept checkpoint once the learning rate is sane again; temporary files of a
        // write that was killed midway are removed on resume
        Files.write(run.resolve(".checkpoint.safetensors.1f2e3d.tmp"), new byte[]{1, 2, 3});
        Files.writeString(run.resolve(".metrics.csv.tmp"), "step,epo");
        Cli.Result resumed = Cli.ok("train", "--resume", run.toString(), "--steps", "6");
        assertTrue(resumed.out().contains("resumed at step 3"), resumed.describe());
        assertEquals("6", SafeTensors.read(ck).metadata().get("step"));
        assertEquals(List.of(), tmpFiles(run), "stale temporary files must be cleaned up on resume");
        List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(7, csv.size(), "steps 1-6, the failed steps dropped: " + csv);
        for (int i = 1; i <= 6; i++) assertTrue(csv.get(i).startsWith(i + ","), csv.toString());
    }

    @Test
    void blowUpBeforeAnyCheckpointLeavesNoCheckpointFile() {
        Path run = tmp.resolve("run");
        Cli.Result r = Cli.run("train", "--steps", "30", "--optimizer", "sgd", "--lr", "1e30", "--schedule", "constant",
                "--dim", "16", "--hidden", "32", "--out", run.toString());
        assertStopMessage(r, 2);
        assertFalse(Files.exists(run.resolve(RunOutput.CHECKPOINT)), "no checkpoint of a broken model: " + Cli.listing(run));
        assertEquals(List.of(), tmpFiles(run));
    }
}
