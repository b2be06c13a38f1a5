package io.contrast4j.trainer.cli;

import io.contrast4j.nn.io.Json;
import io.contrast4j.nn.io.NamedArray;
import io.contrast4j.nn.io.SafeTensors;
import io.contrast4j.nn.io.SafeTensorsFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main path: {@code c4j train} writes its four files, and {@code eval} and {@code embed} use the checkpoint. */
class TrainEvalEmbedCliTest {
    static final int DIM = 16;
    static final List<String> METRICS = List.of("precision_at_1", "r_precision", "mean_average_precision_at_r", "NMI", "AMI");
    static final Map<String, String> PRETTY = Map.of("precision_at_1", "Precision@1", "r_precision", "R-Precision",
            "mean_average_precision_at_r", "MAP@R", "NMI", "NMI", "AMI", "AMI");

    @TempDir
    static Path tmp;
    static Path run;
    static Cli.Result trained;

    @BeforeAll
    static void train() {
        run = tmp.resolve("run");
        trained = Cli.ok("train", "--steps", "20", "--dim", Integer.toString(DIM), "--hidden", "32", "--out", run.toString());
    }

    /** The "trained" (column 1) or "raw features" (column 2) value of a metric in the final table of c4j train. */
    private static String tableValue(String metric, int column) {
        for (String line : trained.out().lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].equals(PRETTY.get(metric))) return f[column];
        }
        throw new AssertionError("no row for " + metric + " in:\n" + trained.out());
    }

    @Test
    void trainWritesCheckpointConfigMetricsAndReport() throws IOException {
        assertEquals(List.of("checkpoint.safetensors", "config.json", "metrics.csv", "report.html"), Cli.listing(run),
                "exactly the four documented files, no temporary leftovers");
        SafeTensorsFile ck = SafeTensors.read(run.resolve("checkpoint.safetensors"));
        assertEquals("20", ck.metadata().get("step"));
        assertTrue(ck.tensors().keySet().stream().anyMatch(k -> k.startsWith("model.")), ck.tensors().keySet().toString());
        Json.Obj cfg = assertInstanceOf(Json.Obj.class, Json.parse(Files.readString(run.resolve("config.json"))));
        assertEquals("20", ((Json.Str) cfg.get("steps")).value());
        assertEquals(Integer.toString(DIM), ((Json.Str) cfg.get("dim")).value());
        assertFalse(cfg.members().containsKey("out"), "the output directory is not part of the stored config");
        List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
        assertTrue(csv.get(0).startsWith("step,epoch,loss,lr"), csv.get(0));
        assertEquals(21, csv.size(), "header + one row per step");
        for (int i = 1; i <= 20; i++) {
            String[] f = csv.get(i).split(",", -1);
            assertEquals(Integer.toString(i), f[0], "row " + i);
            assertTrue(Double.isFinite(Double.parseDouble(f[2])), "loss of row " + i);
        }
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>") || html.startsWith("<!doctype html>"), html.substring(0, Math.min(80, html.length())));
        assertTrue(html.contains("</html>"));
    }

    private static Map<String, Double> metrics(String json) {
        Json.Obj o = assertInstanceOf(Json.Obj.class, Json.parse(json.strip()), json);
        Json.Obj m = assertInstanceOf(Json.Obj.class, o.get("metrics"));
        Map<String, Double> r = new LinkedHashMap<>();
        for (String k : METRICS) {
            Json.Num n = assertInstanceOf(Json.Num.class, m.get(k), k + " in " + json);
            r.put(k, n.doubleValue());
            assertTrue(n.doubleValue() >= -1e-9 && n.doubleValue() <= 1 + 1e-9, k + " = " + n.doubleValue());
        }
        return r;
    }

    @Test
    void evalOfTheCheckpointReproducesTheTrainedColumn() {
        Map<String, Double> m = metrics(Cli.ok("eval", "--checkpoint", run.toString(), "--json").out());
        for (String k : METRICS) assertEquals(tableValue(k, 1), String.format(Locale.ROOT, "%.4f", m.get(k)), k);
    }

    @Test
    void evalOfTheRawBaselineReproducesTheRawColumn() {
        Map<String, Double> m = metrics(Cli.ok("eval", "--baseline", "raw", "--json").out());
        for (String k : METRICS) assertEquals(tableValue(k, 2), String.format(Locale.ROOT, "%.4f", m.get(k)), k);
        Cli.ok("eval", "--baseline", "untrained", "--json");
    }

    @Test
    void embedWritesOneRowPerInputInCsvAndSafetensors() throws IOException {
        Random rnd = new Random(7);
        int n = 9;
        StringBuilder sb = new StringBuilder();
        float[][] rows = new float[n][64];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 64; j++) {
                rows[i][j] = rnd.nextInt(17) / 16f;
                sb.append(j == 0 ? "" : ",").append(rows[i][j]);
            }
            if (i == 3) sb.append(",7"); // a trailing label column is dropped
            sb.append('\n');
            if (i == 5) sb.append('\n'); // blank lines are skipped
        }
        Path in = Files.writeString(tmp.resolve("rows.csv"), sb);
        Path csv = tmp.resolve("e.csv"), st = tmp.resolve("e.safetensors");
        Cli.Result r = Cli.ok("embed", "--checkpoint", run.toString(), "--input", in.toString(), "--output", csv.toString());
        assertTrue(r.out().contains("wrote " + n + " embeddings of dimension " + DIM), r.describe());
        Cli.ok("embed", "--checkpoint", run.toString(), "--input", in.toString(), "--output", st.toString());

        List<String> lines = Files.readAllLines(csv);
        assertEquals(n, lines.size());
        float[] flat = new float[n * DIM];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i).split(",");
            assertEquals(DIM, f.length, "row " + i);
            double norm = 0;
            for (int j = 0; j < DIM; j++) {
                flat[i * DIM + j] = Float.parseFloat(f[j]);
                norm += (double) flat[i * DIM + j] * flat[i * DIM + j];
            }
            assertEquals(1.0, Math.sqrt(norm), 1e-4, "embeddings are L2-normalised (normalize=true), row " + i);
        }
        NamedArray a = SafeTensors.read(st).tensors().get("embeddings");
        assertNotNull(a);
        assertArrayEquals(new int[]{n, DIM}, a.shape());
        assertArrayEquals(flat, a.f32(), "CSV and safetensors outputs hold the same values");
        // distinct inputs give distinct embeddings (the checkpoint is really applied, not a constant)
        List<String> distinct = new ArrayList<>(lines.stream().distinct().toList());
        assertTrue(distinct.size() > 1, "all embeddings equal");
    }

    @Test
    void embedRefusesARowOfTheWrongWidthNamingTheLine() throws IOException {
        Path in = Files.writeString(tmp.resolve("bad.csv"), "1,2,3\n");
        Path outFile = tmp.resolve("bad-out.csv");
        Cli.assertInputError(Cli.run("embed", "--checkpoint", run.toString(), "--input", in.toString(), "--output", outFile.toString()), "bad.csv");
        assertFalse(Files.exists(outFile));
        Path nan = Files.writeString(tmp.resolve("nan.csv"), "1," + "x,".repeat(62) + "3\n");
        Cli.assertInputError(Cli.run("embed", "--checkpoint", run.toString(), "--input", nan.toString(), "--output", outFile.toString()), "not a number");
        assertFalse(Files.exists(outFile));
        Cli.assertInputError(Cli.run("embed", "--checkpoint", run.toString(), "--input", tmp.resolve("nope.csv").toString(), "--output",
                outFile.toString()), "nope.csv");
        assertFalse(Files.exists(outFile));
    }

    @Test
    void evalRefusesACorruptCheckpoint() throws IOException {
        Path bad = Files.createDirectory(tmp.resolve("corrupt"));
        byte[] good = Files.readAllBytes(run.resolve("checkpoint.safetensors"));
        Files.write(bad.resolve("checkpoint.safetensors"), java.util.Arrays.copyOf(good, good.length / 2));
        Cli.assertInputError(Cli.run("eval", "--checkpoint", bad.toString(), "--json"), "checkpoint.safetensors");
    }
}
