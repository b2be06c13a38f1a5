package io.contrast4j.tests.e2e;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.LossRegistry;
import io.contrast4j.losses.contrastive.CachedInfoNceLoss;
import io.contrast4j.losses.contrastive.InfoNce;
import io.contrast4j.nn.layers.MLP;
import io.contrast4j.trainer.data.Digits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 5: GradCache (L103 over L101, mechanism O03) trains at batch 4,096 in a heap where the plain in-batch loss
 * runs out of memory, and gives the plain loss's parameter gradients.
 *
 * <p><b>Memory test.</b> A child JVM ({@link GradCacheBigBatchMain}) trains an F32 {@code MLP 64-4096-64} for 3 AdamW
 * steps on 4,096 (anchor, positive) digit pairs (positive = another digit of the same class + noise), with L103
 * mini-batch 256, then the same with plain L101. Both children run with {@code -Xmx768m -XX:+UseSerialGC}: the cached
 * one must exit 0 with three finite, decreasing losses, the plain one must report {@link OutOfMemoryError}.
 *
 * <p>Why not {@code -Xmx160m} and {@code MLP 64-128-64}: at B = 4,096 the L101 loss itself (cosine similarity,
 * scaled logits, logsumexp and their backward) holds several B x B F32 matrices of 64 MiB each, which GradCache does
 * not shrink (it bounds <i>encoder</i> activation memory, not the loss's). Measured with 3 steps on a 2-core, 24 GiB
 * Linux machine (JDK 25, {@code -XX:+UseSerialGC}, heap bisected to ~16 MiB; "OOM at / OK at"):
 * <ul>
 *   <li>{@code MLP 64-128-64}: cached 540 / 551 MiB, plain 606 / 617 MiB; under default G1 both fail at 448 MiB and
 *       both pass at 512 MiB. At 160 MiB both fail; the ~60 MiB window under SerialGC is too narrow to rely on.</li>
 *   <li>{@code MLP 64-2048-64}: cached 525 / 539 MiB, plain 750 / 764 MiB.</li>
 *   <li>{@code MLP 64-4096-64} (used here): cached 581 / 595 MiB, plain 978 / 987 MiB. The plain graph keeps the
 *       2 x 4,096 x 4,096 hidden activations on top of the loss; GradCache keeps 256-row chunks.</li>
 * </ul>
 * 768 MiB lies between with ~170 MiB to spare on each side. SerialGC makes the limit independent of G1's region
 * sizing for the 64 MiB humongous arrays (768 MiB separates the two under G1 too: measured cached OK, plain OOM).
 *
 * <p><b>Equivalence test.</b> In process, F64, batch 64, mini-batch 16: cached and plain L101 give the same loss and
 * the same gradient for every MLP parameter to 1e-6 relative (an existing losses test proves this for a linear
 * encoder; this one covers a non-linear MLP whose chunks are re-encoded).
 */
class GradCacheBigBatchTest {
    static final int BATCH = 4096, MINI_BATCH = 256, STEPS = 3;
    static final String WIDTHS = "64,4096,64";
    static final String HEAP = "-Xmx768m";
    private static final Pattern LOSSES = Pattern.compile("RESULT OK cached losses=\\[([^]]*)]");

    @Test
    void cachedTrainsAtBatch4096WherePlainRunsOutOfMemory() throws Exception {
        Child cached = runChild("cached");
        assertEquals(0, cached.exit, "cached child must succeed at " + HEAP + "; output:\n" + cached.output);
        Matcher m = LOSSES.matcher(cached.output);
        assertTrue(m.find(), "cached child printed no losses:\n" + cached.output);
        String[] parts = m.group(1).split(",\\s*");
        assertEquals(STEPS, parts.length, "one loss per step: " + m.group(1));
        double[] losses = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            losses[i] = Double.parseDouble(parts[i]);
            assertTrue(Double.isFinite(losses[i]) && losses[i] > 0, "loss " + i + " = " + losses[i]);
        }
        // ln(4096) = 8.32 is the loss of uninformative embeddings; training must move below the start.
        assertTrue(losses[0] < Math.log(BATCH), "first loss " + losses[0] + " not below ln(B) = " + Math.log(BATCH));
        assertTrue(losses[2] < losses[0], "3 AdamW steps did not lower the cached loss: " + m.group(1));

        Child plain = runChild("plain");
        assertEquals(GradCacheBigBatchMain.EXIT_OOM, plain.exit, "plain child must run out of memory at " + HEAP + "; output:\n" + plain.output);
        assertTrue(plain.output.contains("RESULT OOM plain"), "plain child output:\n" + plain.output);
    }

    record Child(int exit, String output) {
    }

    static Child runChild(String mode) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java, HEAP, "-XX:+UseSerialGC", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), GradCacheBigBatchMain.class.getName(),
                mode, Integer.toString(BATCH), Integer.toString(MINI_BATCH), Integer.toString(STEPS), WIDTHS));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out;
        try (var in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(mode + " child did not finish in 120 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        System.out.println(mode + " child (exit " + p.exitValue() + "): " + text.strip());
        return new Child(p.exitValue(), text);
    }

    static Stream<Arguments> seedsAndWidths() {
        return Stream.of(Arguments.of(1L, "64,128,64"), Arguments.of(2L, "64,128,64"), Arguments.of(3L, "64,128,64"),
                Arguments.of(4L, "64,256,32,64"));
    }

    @ParameterizedTest(name = "seed {0}, MLP {1}")
    @MethodSource("seedsAndWidths")
    void cachedGradientsEqualPlainForMlp(long seed, String widths) {
        int[] w = java.util.Arrays.stream(widths.split(",")).mapToInt(Integer::parseInt).toArray();
        Tensor[] pairs = GradCacheBigBatchMain.pairs(Digits.load(), 64, seed);
        Tensor a = pairs[0].to(DType.F64), p = pairs[1].to(DType.F64);
        MLP model = MLP.builder(w).dtype(DType.F64).rng(new Rng(seed)).build();
        Loss plain = LossRegistry.find("L101").factory().apply(Params.of(Map.of("dtype", "F64")));
        CachedInfoNceLoss cached = new CachedInfoNceLoss(plain, 16);

        Tensor l = plain.compute(LossInputs.of(Map.of(InfoNce.ANCHORS, model.forward(a), InfoNce.POSITIVES, model.forward(p))));
        l.backward();
        Map<String, Tensor> params = model.namedParameters();
        List<double[]> want = new ArrayList<>();
        for (Tensor t : params.values()) want.add(t.grad().toDoubleArray());
        model.zeroGrad();

        double v = cached.forwardBackward(model::forward, Map.of(InfoNce.ANCHORS, a, InfoNce.POSITIVES, p), Map.of());
        assertEquals(l.item(), v, 1e-12 * Math.abs(l.item()), "seed " + seed + " loss");
        int k = 0;
        for (var e : params.entrySet()) {
            double[] wg = want.get(k++), got = e.getValue().grad().toDoubleArray();
            double scale = 0;
            for (double g : wg) scale = Math.max(scale, Math.abs(g));
            assertTrue(scale > 0, "seed " + seed + " " + e.getKey() + ": plain gradient is all zero");
            for (int i = 0; i < wg.length; i++) {
                // relative per element, with a floor of 1e-9 of the tensor's largest entry for near-zero entries
                double tol = 1e-6 * Math.max(Math.abs(wg[i]), 1e-3 * scale);
                assertEquals(wg[i], got[i], tol, "seed " + seed + " MLP " + widths + " " + e.getKey() + "[" + i + "]");
            }
        }
    }
}
