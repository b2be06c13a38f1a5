package io.contrast4j.trainer.cli;

import io.contrast4j.autograd.registry.Entry;
import io.contrast4j.autograd.registry.Kind;
import io.contrast4j.losses.LossRegistry;
import io.contrast4j.nn.NnRegistry;
import io.contrast4j.nn.io.Json;
import io.contrast4j.nn.optim.OptimRegistry;
import io.contrast4j.samplers.SamplerRegistry;
import io.contrast4j.trainer.metrics.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code c4j list --json}, {@code c4j loss} and {@code c4j gradcheck}: documented output and their error cases. */
class RegistryCommandsTest {
    @TempDir
    Path tmp;

    /** Every ID the module registries declare, counted (a duplicate registration shows as a count of 2). */
    private static Map<String, Integer> registryIds() {
        List<Entry> all = new ArrayList<>();
        all.addAll(LossRegistry.entries());
        all.addAll(NnRegistry.entries());
        all.addAll(OptimRegistry.entries());
        all.addAll(SamplerRegistry.entries());
        Map<String, Integer> ids = new TreeMap<>();
        for (Entry e : all) ids.merge(e.info().id(), 1, Integer::sum);
        for (var m : Metrics.all()) ids.merge(m.info().id(), 1, Integer::sum);
        ids.merge(io.contrast4j.trainer.schemes.PmlSchemes.ENTRY.info().id(), 1, Integer::sum); // O08 lives in the trainer
        return ids;
    }

    private static Map<String, Integer> listedIds(String json) {
        Json root = Json.parse(json.strip());
        Json.Arr arr = assertInstanceOf(Json.Arr.class, root, "c4j list --json must print a JSON array");
        Map<String, Integer> ids = new TreeMap<>();
        for (Json item : arr.elements()) {
            Json.Obj o = assertInstanceOf(Json.Obj.class, item);
            for (String k : List.of("id", "name", "kind", "family", "tier", "paper", "formula", "defaults", "inputs", "gradchecks")) {
                assertTrue(o.members().containsKey(k), "entry lacks '" + k + "': " + item.toJson());
            }
            ids.merge(((Json.Str) o.get("id")).value(), 1, Integer::sum);
        }
        return ids;
    }

    @Test
    void listJsonHoldsEveryRegistryIdExactlyOnce() {
        Map<String, Integer> expected = registryIds();
        expected.forEach((id, n) -> assertEquals(1, n, "registered more than once: " + id));
        Map<String, Integer> listed = listedIds(Cli.ok("list", "--json").out());
        assertEquals(expected.keySet(), listed.keySet());
        listed.forEach((id, n) -> assertEquals(1, n, "listed more than once: " + id));
        assertTrue(listed.size() > 100, "the registry looks empty: " + listed.size());
    }

    @Test
    void listJsonPerKindPartitionsTheWholeList() {
        Map<String, Integer> all = listedIds(Cli.ok("list", "--json").out());
        Map<String, Integer> union = new HashMap<>();
        for (Kind k : Kind.values()) {
            Map<String, Integer> part = listedIds(Cli.ok("list", k.plural(), "--json").out());
            for (String id : part.keySet()) {
                if (!id.startsWith("OP.")) assertEquals(k, Kind.ofId(id), "c4j list " + k.plural() + " lists " + id);
                union.merge(id, 1, Integer::sum);
            }
        }
        assertEquals(all, union, "the per-kind lists must cover the full list, each ID once");
        List<String> losses = LossRegistry.entries().stream().filter(e -> e.info().kind() == Kind.LOSS).map(e -> e.info().id()).sorted().toList();
        assertEquals(losses, new ArrayList<>(listedIds(Cli.ok("list", "losses", "--json").out()).keySet()));
    }

    @Test
    void listTableEndsWithTheCount() {
        String out = Cli.ok("list").out();
        List<String> lines = out.lines().toList();
        assertEquals(registryIds().size() + " components", lines.get(lines.size() - 1));
        assertEquals(registryIds().size() + 2, lines.size(), "header + one row per component + count");
    }

    // ---- c4j loss ---------------------------------------------------------------------------------------------

    /** Four 3-d embeddings (not unit length), labels 0,0,1,1: some negative pairs inside the margin, none at a kink. */
    static final double[][] E = {{0.9, 0.2, -0.1}, {0.5, 0.7, 0.1}, {0.8, -0.3, 0.4}, {-0.2, 0.9, 0.3}};
    static final int[] Y = {0, 0, 1, 1};

    /**
     * L001 from its formula (PML defaults): u = e/|e|, d = Euclidean; pos pairs [d − 0]₊, neg pairs [1 − d]₊ over all
     * ordered pairs i ≠ j; each sub-loss averaged over its non-zero terms (R03, 0 when none), then summed.
     */
    static double contrastive(double[][] e, int[] y, double posMargin, double negMargin) {
        int n = e.length;
        double[][] u = new double[n][];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (double v : e[i]) norm += v * v;
            norm = Math.sqrt(norm);
            u[i] = new double[e[i].length];
            for (int k = 0; k < e[i].length; k++) u[i][k] = e[i][k] / norm;
        }
        double posSum = 0, negSum = 0;
        int posN = 0, negN = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) continue;
                double d2 = 0;
                for (int k = 0; k < u[i].length; k++) d2 += (u[i][k] - u[j][k]) * (u[i][k] - u[j][k]);
                double d = Math.sqrt(d2);
                if (y[i] == y[j]) {
                    double l = Math.max(0, d - posMargin);
                    if (l > 0) {
                        posSum += l;
                        posN++;
                    }
                } else {
                    double l = Math.max(0, negMargin - d);
                    if (l > 0) {
                        negSum += l;
                        negN++;
                    }
                }
            }
        }
        return (posN == 0 ? 0 : posSum / posN) + (negN == 0 ? 0 : negSum / negN);
    }

    private static String caseJson(double[][] e, int[] y, String extra) {
        StringBuilder sb = new StringBuilder("{\"inputs\": {\"embeddings\": [");
        for (int i = 0; i < e.length; i++) {
            sb.append(i == 0 ? "" : ", ").append('[');
            for (int k = 0; k < e[i].length; k++) sb.append(k == 0 ? "" : ", ").append(e[i][k]);
            sb.append(']');
        }
        sb.append("], \"labels\": [");
        for (int i = 0; i < y.length; i++) sb.append(i == 0 ? "" : ", ").append(y[i]);
        return sb.append("]}").append(extra).append('}').toString();
    }

    private static double[][] matrix(Json j) {
        List<Json> rows = ((Json.Arr) j).elements();
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            List<Json> r = ((Json.Arr) rows.get(i)).elements();
            m[i] = new double[r.size()];
            for (int k = 0; k < m[i].length; k++) m[i][k] = ((Json.Num) r.get(k)).doubleValue();
        }
        return m;
    }

    private void checkLossOutput(String stdout, double posMargin, double negMargin) {
        Json.Obj o = assertInstanceOf(Json.Obj.class, Json.parse(stdout.strip()), stdout);
        assertEquals(List.of("id", "loss", "grad"), new ArrayList<>(o.members().keySet()));
        assertEquals("L001", ((Json.Str) o.get("id")).value());
        double expected = contrastive(E, Y, posMargin, negMargin);
        double loss = ((Json.Num) o.get("loss")).doubleValue();
        assertEquals(expected, loss, 1e-12, "loss");
        Json.Obj grad = assertInstanceOf(Json.Obj.class, o.get("grad"));
        assertEquals(List.of("embeddings"), new ArrayList<>(grad.members().keySet()), "gradients of the float inputs only");
        double[][] g = matrix(grad.get("embeddings"));
        assertEquals(E.length, g.length);
        double h = 1e-6;
        for (int i = 0; i < E.length; i++) {
            assertEquals(E[i].length, g[i].length);
            for (int k = 0; k < E[i].length; k++) {
                double[][] p = deepCopy(E), m = deepCopy(E);
                p[i][k] += h;
                m[i][k] -= h;
                double numeric = (contrastive(p, Y, posMargin, negMargin) - contrastive(m, Y, posMargin, negMargin)) / (2 * h);
                assertEquals(numeric, g[i][k], 1e-6, "d loss / d embeddings[" + i + "][" + k + "]");
            }
        }
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }

    @Test
    void lossPrintsValueAndGradientMatchingTheFormula() throws IOException {
        // the case exercises both sub-losses: at least one negative pair inside the margin and one outside
        double inside = contrastive(E, Y, 0, 1) - contrastive(E, Y, 0, 0);
        assertTrue(inside > 0, "test data must put a negative pair inside the margin");
        Path f = Files.writeString(tmp.resolve("case.json"), caseJson(E, Y, ""));
        checkLossOutput(Cli.ok("loss", "L001", "--input", f.toString()).out(), 0, 1);
    }

    @Test
    void lossParamsFromTheFileAndTheCommandLine() throws IOException {
        Path f = Files.writeString(tmp.resolve("case.json"), caseJson(E, Y, ", \"params\": {\"neg_margin\": 1.3}"));
        checkLossOutput(Cli.ok("loss", "L001", "--input", f.toString()).out(), 0, 1.3);
        checkLossOutput(Cli.ok("loss", "L001", "--input", f.toString(), "--param", "neg_margin=0.8", "--param", "pos_margin=0.1").out(), 0.1, 0.8);
    }

    @Test
    void lossErrorCases() throws IOException {
        Path good = Files.writeString(tmp.resolve("case.json"), caseJson(E, Y, ""));
        Cli.assertUsageError(Cli.run("loss", "L001"), "missing --input");
        Cli.assertUsageError(Cli.run("loss", "--input", good.toString()), "exactly one loss ID");
        Cli.assertUsageError(Cli.run("loss", "L999", "--input", good.toString()), "L999");
        Cli.assertUsageError(Cli.run("loss", "L001", "--input", tmp.resolve("missing.json").toString()), "missing.json: no such file");
        Path invalid = Files.writeString(tmp.resolve("invalid.json"), "{\"inputs\": {\"embeddings\": [[1, 2],");
        Cli.assertUsageError(Cli.run("loss", "L001", "--input", invalid.toString()), "not valid JSON");
        Path notObj = Files.writeString(tmp.resolve("arr.json"), "[1, 2, 3]");
        Cli.assertUsageError(Cli.run("loss", "L001", "--input", notObj.toString()), "\"inputs\"");
        Path ragged = Files.writeString(tmp.resolve("ragged.json"), "{\"inputs\": {\"embeddings\": [[1, 2], [3]], \"labels\": [0, 1]}}");
        Cli.assertUsageError(Cli.run("loss", "L001", "--input", ragged.toString()), "ragged");
        Path mismatch = Files.writeString(tmp.resolve("mismatch.json"), "{\"inputs\": {\"embeddings\": [[1, 2], [3, 4]], \"labels\": [0, 1, 1]}}");
        Cli.assertUsageError(Cli.run("loss", "L001", "--input", mismatch.toString()), "L001");
        Path flat = Files.writeString(tmp.resolve("flat.json"), "{\"inputs\": {\"embeddings\": [1, 2, 3], \"labels\": [0, 1, 1]}}");
        Cli.assertUsageError(Cli.run("loss", "L001", "--input", flat.toString()), "L001");
        Path fracLabels = Files.writeString(tmp.resolve("frac.json"), "{\"inputs\": {\"embeddings\": [[1, 2], [3, 4]], \"labels\": [0, 0.5]}}");
        Cli.assertUsageError(Cli.run("loss", "L001", "--input", fracLabels.toString()), "integers");
        Path unknownInput = Files.writeString(tmp.resolve("unknown.json"), "{\"inputs\": {\"embedings\": [[1, 2], [3, 4]], \"labels\": [0, 1]}}");
        Cli.assertUsageError(Cli.run("loss", "L001", "--input", unknownInput.toString()), "embedings");
        Cli.assertUsageError(Cli.run("loss", "L001", "--input", good.toString(), "--param", "no_such_param=1"), "no_such_param");
        Cli.assertUsageError(Cli.run("loss", "L001", "--input", good.toString(), "--param", "neg_margin=abc"), "neg_margin");
        Cli.assertUsageError(Cli.run("loss", "L001", "--input", good.toString(), "--param", "neg_margin"), "neg_margin");
    }

    // ---- c4j gradcheck ----------------------------------------------------------------------------------------

    @Test
    void gradcheckPrintsTheTableAndPasses() {
        Cli.Result r = Cli.ok("gradcheck", "OP.exp", "L001");
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("ID") && lines.get(0).contains("WORST ABS") && lines.get(0).contains("RESULT"), r.describe());
        List<String> rows = lines.subList(1, lines.size() - 1);
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("OP.exp ")), r.describe());
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("L001")), r.describe());
        for (String row : rows) {
            assertTrue(row.endsWith("pass"), "row: " + row);
            String[] f = row.trim().split("\\s+");
            double worstAbs = Double.parseDouble(f[1]);
            assertTrue(worstAbs >= 0 && worstAbs < 1e-5, "worst abs error of " + f[0] + ": " + worstAbs);
        }
        assertEquals(rows.size() + " passed, 0 failed", lines.get(lines.size() - 1).toLowerCase(Locale.ROOT));
    }
}
