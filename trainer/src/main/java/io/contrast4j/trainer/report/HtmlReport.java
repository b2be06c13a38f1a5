package io.contrast4j.trainer.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The self-contained {@code report.html} of a training run: SVG plots of training loss, learning rate and dev
 * metrics over steps, a 2-D PCA projection of test embeddings coloured by class, the final metrics and the config.
 * No scripts, no external resources.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /**
     * @param title        run title
     * @param config       resolved configuration (name → value)
     * @param steps        logged step numbers
     * @param losses       training loss at each logged step
     * @param lrs          learning rate at each logged step
     * @param devSteps     steps at which dev metrics were computed
     * @param devMetrics   metric name → values at {@code devSteps}
     * @param finalMetrics metric name → final test value (in display order)
     * @param baseline     metric name → baseline value (e.g. raw features), may be empty
     * @param embeddings   test embeddings for the projection (may be null)
     * @param labels       their classes
     * @param classNames   class names (may be null)
     */
    public record Data(String title, Map<String, String> config, double[] steps, double[] losses, double[] lrs,
                       double[] devSteps, Map<String, double[]> devMetrics, Map<String, Double> finalMetrics,
                       Map<String, Double> baseline, float[][] embeddings, int[] labels, String[] classNames) {
    }

    public static String render(Data d) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Svg.esc(d.title()))
                .append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}"
                        + "h1{font-size:22px}h2{font-size:17px;margin-top:28px}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}th{background:#f3f3f3}"
                        + ".plots{display:flex;flex-wrap:wrap;gap:16px}.num{text-align:right;font-variant-numeric:tabular-nums}</style>\n")
                .append("</head><body>\n<h1>").append(Svg.esc(d.title())).append("</h1>\n");
        sb.append("<h2>Final metrics</h2>\n<table id=\"metrics\"><tr><th>metric</th><th>trained</th>");
        if (!d.baseline().isEmpty()) sb.append("<th>baseline</th>");
        sb.append("</tr>\n");
        for (var e : d.finalMetrics().entrySet()) {
            sb.append("<tr><td>").append(Svg.esc(e.getKey())).append("</td><td class=\"num\">").append(fmt(e.getValue())).append("</td>");
            if (!d.baseline().isEmpty()) {
                Double b = d.baseline().get(e.getKey());
                sb.append("<td class=\"num\">").append(b == null ? "" : fmt(b)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n<h2>Training</h2>\n<div class=\"plots\">\n");
        sb.append(Svg.lines("training loss", "step", List.of(new Svg.Series("loss", d.steps(), d.losses())))).append('\n');
        sb.append(Svg.lines("learning rate", "step", List.of(new Svg.Series("lr", d.steps(), d.lrs())))).append('\n');
        List<Svg.Series> dev = new ArrayList<>();
        d.devMetrics().forEach((k, v) -> dev.add(new Svg.Series(k, d.devSteps(), v)));
        sb.append(Svg.lines("dev metrics", "step", dev)).append('\n');
        if (d.embeddings() != null && d.embeddings().length > 1 && d.embeddings()[0].length >= 2) {
            double[][] xy = Pca.project(d.embeddings(), 2, 7);
            sb.append(Svg.scatter("test embeddings (PCA)", xy, d.labels(), d.classNames())).append('\n');
        }
        sb.append("</div>\n<h2>Configuration</h2>\n<table id=\"config\">");
        for (var e : d.config().entrySet()) {
            sb.append("<tr><td>").append(Svg.esc(e.getKey())).append("</td><td>").append(Svg.esc(e.getValue())).append("</td></tr>");
        }
        sb.append("</table>\n</body></html>\n");
        return sb.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    public static Map<String, double[]> emptyDev() {
        return new LinkedHashMap<>();
    }
}
