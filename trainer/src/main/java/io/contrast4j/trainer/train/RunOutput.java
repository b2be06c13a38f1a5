package io.contrast4j.trainer.train;

import io.contrast4j.trainer.report.HtmlReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's output directory: {@code checkpoint.safetensors} (model and loss parameters, config in the metadata),
 * {@code config.json}, {@code metrics.csv} (one row per logged step, dev metrics where evaluated) and
 * {@code report.html}. Every file is written atomically (temporary file, then rename), so an interrupted run never
 * leaves a broken file under a real name, and the last good checkpoint survives a failed step.
 */
public final class RunOutput {
    public static final String CHECKPOINT = "checkpoint.safetensors";
    private final Path dir;
    private final List<double[]> rows = new ArrayList<>(); // step, epoch, loss, lr
    private final List<Integer> devSteps = new ArrayList<>();
    private final Map<String, List<Double>> dev = new LinkedHashMap<>();

    private RunOutput(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens the output directory: the given one (refused when it holds files, unless {@code overwrite}), or a new
     * numbered one under {@code runs/} named after the data and loss.
     */
    public static RunOutput open(String out, String defaultName, boolean overwrite) {
        Path dir;
        if (out == null || out.isBlank()) {
            Path base = Path.of("runs");
            int n = 1;
            do {
                dir = base.resolve(defaultName + "-" + n++);
            } while (Files.exists(dir));
        } else {
            dir = Path.of(out);
            if (Files.isRegularFile(dir)) throw new IllegalArgumentException("--out " + dir + " is a file, not a directory");
            if (Files.isDirectory(dir) && !overwrite) {
                try (var s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        throw new IllegalArgumentException("--out " + dir + " exists and is not empty; choose another directory or pass --overwrite true");
                    }
                } catch (IOException e) {
                    throw new IllegalArgumentException("--out " + dir + ": cannot list (" + e.getMessage() + ")");
                }
            }
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IllegalArgumentException("--out " + dir + ": cannot write there (" + e.getMessage() + ")");
        }
        return new RunOutput(dir);
    }

    /** Re-opens an existing run directory (for {@code --resume}), reloading the logged rows of its metrics.csv. */
    public static RunOutput reopen(Path dir) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("--resume " + dir + ": not a run directory");
        RunOutput o = new RunOutput(dir);
        // temporary files of a run killed while writing (the real files were never replaced by them)
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") && n.endsWith(".tmp") && Files.isRegularFile(p)) Files.delete(p);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--resume " + dir + ": cannot clean up temporary files (" + e.getMessage() + ")");
        }
        Path csv = dir.resolve("metrics.csv");
        if (Files.exists(csv)) {
            try {
                List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
                String[] head = lines.isEmpty() ? new String[0] : lines.get(0).split(",", -1);
                for (int i = 1; i < lines.size(); i++) {
                    String[] f = lines.get(i).split(",", -1);
                    if (f.length < 4) continue;
                    o.rows.add(new double[]{Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])});
                    if (f.length > 4 && !f[4].isEmpty()) {
                        Map<String, Double> dev = new LinkedHashMap<>();
                        for (int c = 4; c < Math.min(f.length, head.length); c++) dev.put(head[c].substring(4), Double.parseDouble(f[c]));
                        o.logDev((int) Double.parseDouble(f[0]), dev);
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("--resume " + dir + ": cannot read metrics.csv (" + e.getMessage() + ")");
            }
        }
        return o;
    }

    /** Drops logged rows after {@code step} (a resumed run repeats the steps after its last checkpoint). */
    public void truncateTo(int step) {
        rows.removeIf(r -> r[0] > step);
        while (!devSteps.isEmpty() && devSteps.get(devSteps.size() - 1) > step) {
            devSteps.remove(devSteps.size() - 1);
            for (List<Double> v : dev.values()) v.remove(v.size() - 1);
        }
    }

    public Path dir() {
        return dir;
    }

    public void logStep(int step, int epoch, double loss, double lr) {
        rows.add(new double[]{step, epoch, loss, lr});
    }

    public void logDev(int step, Map<String, Double> metrics) {
        devSteps.add(step);
        metrics.forEach((k, v) -> dev.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }

    public void writeText(String name, String content) {
        Path target = dir.resolve(name);
        Path tmp = dir.resolve("." + name + ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original error is the one to report
            }
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** metrics.csv: step, epoch, loss, lr, then one column per dev metric (filled on evaluated steps). */
    public void writeMetricsCsv() {
        StringBuilder sb = new StringBuilder("step,epoch,loss,lr");
        for (String k : dev.keySet()) sb.append(',').append("dev_").append(k);
        sb.append('\n');
        for (double[] r : rows) {
            sb.append((int) r[0]).append(',').append((int) r[1]).append(',').append(fmt(r[2])).append(',').append(fmt(r[3]));
            int at = devSteps.indexOf((int) r[0]);
            for (List<Double> vals : dev.values()) sb.append(',').append(at >= 0 ? fmt(vals.get(at)) : "");
            sb.append('\n');
        }
        writeText("metrics.csv", sb.toString());
    }

    public void writeReport(String title, Map<String, String> config, Map<String, Double> finalMetrics, Map<String, Double> baseline,
                            float[][] embeddings, int[] labels, String[] classNames) {
        double[] steps = rows.stream().mapToDouble(r -> r[0]).toArray();
        double[] losses = rows.stream().mapToDouble(r -> r[2]).toArray();
        double[] lrs = rows.stream().mapToDouble(r -> r[3]).toArray();
        double[] ds = devSteps.stream().mapToDouble(Integer::doubleValue).toArray();
        Map<String, double[]> devArrays = new LinkedHashMap<>();
        dev.forEach((k, v) -> devArrays.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        writeText("report.html", HtmlReport.render(new HtmlReport.Data(title, config, steps, losses, lrs, ds, devArrays,
                finalMetrics, baseline, embeddings, labels, classNames)));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
