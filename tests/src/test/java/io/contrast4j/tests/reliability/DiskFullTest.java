package io.contrast4j.tests.reliability;

import io.contrast4j.nn.io.SafeTensors;
import io.contrast4j.trainer.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full disk, simulated with a file-size limit ({@code ulimit -f}, which the JVM turns into "File too large"
 * errors): a resumed run that cannot write its next checkpoint stops with one clear line and exit code 2, and the
 * previous checkpoint stays byte for byte as it was, with no temporary file left behind.
 */
class DiskFullTest {
    @TempDir
    Path tmp;

    @Test
    void checkpointThatDoesNotFitKeepsThePreviousOne() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for ulimit");
        Path run = tmp.resolve("run");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(new String[]{"train", "--steps", "5", "--optimizer", "sgd", "--out", run.toString()}, ps, ps),
                sink.toString(StandardCharsets.UTF_8));
        Path ck = run.resolve("checkpoint.safetensors");
        byte[] before = Files.readAllBytes(ck);
        byte[] metricsBefore = Files.readAllBytes(run.resolve("metrics.csv"));
        long limitBlocks = before.length / 512 / 2; // half the checkpoint: the next one cannot be written
        assertTrue(limitBlocks > 16, "checkpoint too small for this test: " + before.length + " bytes");

        List<String> shell = List.of("/bin/sh", "-c", "ulimit -f " + limitBlocks + " && exec \"$@\"", "sh");
        try (TrainerProcess p = TrainerProcess.start(shell, "train", "--resume", run.toString(), "--steps", "10")) {
            int code = p.await(120);
            String out = p.output();
            assertEquals(2, code, out);
            List<String> errors = out.lines().filter(l -> l.startsWith("c4j: ")).toList();
            assertEquals(1, errors.size(), out);
            assertTrue(errors.get(0).startsWith("c4j: cannot write " + ck), errors.get(0));
            assertTrue(errors.get(0).contains("File too large"), "the cause must be shown: " + errors.get(0));
            assertTrue(out.lines().noneMatch(l -> l.startsWith("\tat ")), "no stack trace: " + out);
        }
        assertArrayEquals(before, Files.readAllBytes(ck), "the previous checkpoint must be intact");
        assertEquals("5", SafeTensors.read(ck).metadata().get("step"));
        assertArrayEquals(metricsBefore, Files.readAllBytes(run.resolve("metrics.csv")), "metrics.csv is written after the checkpoint");
        assertEquals(List.of(), TrainerProcess.tmpFiles(run), "no temporary file may be left behind");
    }
}
