package io.contrast4j.trainer.report;

import io.contrast4j.trainer.train.LabelledRun;
import io.contrast4j.trainer.train.TrainConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report of a real (short) run, opened in headless Chromium: the rendered DOM has the four plots with their data
 * (loss, learning rate and dev-metric polylines, PCA points) and the metrics table, and the browser logs no console
 * error. Skipped where Chromium is not installed, except in CI (CI=true), where .ci/run installs it.
 */
class ReportRenderTest {
    @TempDir
    Path tmp;

    @Test
    void reportRendersInHeadlessChromium() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(Files.isExecutable(chromium), "Chromium not installed (apt-get install chromium); skipping the render check");
        }
        Path out = tmp.resolve("run");
        TrainConfig cfg = TrainConfig.resolve(null, Map.of("steps", List.of("30"), "eval-every", List.of("1"), "out", List.of(out.toString())));
        LabelledRun.run(cfg, new PrintStream(new ByteArrayOutputStream(), true), false);
        Path report = out.resolve("report.html");
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertFalse(html.contains("<script"), "the report is static: no scripts");
        assertFalse(java.util.regex.Pattern.compile("(src|href)\\s*=\\s*\"(https?:)?//").matcher(html).find() || html.contains("<link"),
                "the report is self-contained: no external resources");

        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + tmp.resolve("profile"), "--enable-logging=stderr", "--v=0",
                "--virtual-time-budget=2000", "--dump-dom", report.toUri().toString())
                .redirectError(tmp.resolve("stderr.txt").toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
        String err = Files.readString(tmp.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "chromium failed: " + err);
        assertEquals(4, count(dom, "<svg"), "four plots rendered");
        assertTrue(count(dom, "class=\"series\"") >= 3, "loss, lr and dev-metric series present");
        assertTrue(count(dom, "class=\"point\"") > 100, "PCA scatter has the test points");
        assertTrue(dom.contains("id=\"metrics\"") && dom.contains("mean_average_precision_at_r"), "final metrics table present");
        assertFalse(err.contains("CONSOLE") && err.toLowerCase().contains("error"), "console errors: " + err);
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) n++;
        return n;
    }
}
