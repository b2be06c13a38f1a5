package io.contrast4j.trainer.report;

import java.util.List;
import java.util.Locale;

/** Small self-contained SVG charts: line plots over steps and a scatter plot coloured by class. */
public final class Svg {
    private static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final int W = 560, H = 300, L = 60, R = 20, T = 30, B = 40;

    private Svg() {
    }

    /** One named series of (x, y) points. */
    public record Series(String name, double[] x, double[] y) {
    }

    public static String color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    public static String lines(String title, String xLabel, List<Series> series) {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (!Double.isFinite(s.y[i])) continue;
                x0 = Math.min(x0, s.x[i]);
                x1 = Math.max(x1, s.x[i]);
                y0 = Math.min(y0, s.y[i]);
                y1 = Math.max(y1, s.y[i]);
            }
        }
        StringBuilder sb = open(title);
        if (x0 > x1) {
            sb.append(text(W / 2.0, H / 2.0, "no data", "middle"));
            return sb.append("</svg>").toString();
        }
        if (x1 == x0) x1 = x0 + 1;
        if (y1 == y0) {
            y1 = y0 + Math.max(1e-9, Math.abs(y0) * 0.1);
            y0 = y0 - Math.max(1e-9, Math.abs(y0) * 0.1);
        }
        axes(sb, x0, x1, y0, y1, xLabel);
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < s.x.length; i++) {
                if (!Double.isFinite(s.y[i])) continue;
                pts.append(f(px(s.x[i], x0, x1))).append(',').append(f(py(s.y[i], y0, y1))).append(' ');
            }
            sb.append("<polyline class=\"series\" fill=\"none\" stroke=\"").append(color(k)).append("\" stroke-width=\"1.5\" points=\"")
                    .append(pts.toString().trim()).append("\"/>");
            sb.append("<text x=\"").append(W - R - 4).append("\" y=\"").append(T + 14 + 14 * k).append("\" text-anchor=\"end\" font-size=\"11\" fill=\"")
                    .append(color(k)).append("\">").append(esc(s.name)).append("</text>");
        }
        return sb.append("</svg>").toString();
    }

    public static String scatter(String title, double[][] xy, int[] labels, String[] classNames) {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (double[] p : xy) {
            x0 = Math.min(x0, p[0]);
            x1 = Math.max(x1, p[0]);
            y0 = Math.min(y0, p[1]);
            y1 = Math.max(y1, p[1]);
        }
        StringBuilder sb = open(title);
        if (xy.length == 0) return sb.append(text(W / 2.0, H / 2.0, "no data", "middle")).append("</svg>").toString();
        if (x1 == x0) x1 = x0 + 1;
        if (y1 == y0) y1 = y0 + 1;
        axes(sb, x0, x1, y0, y1, "PC1");
        for (int i = 0; i < xy.length; i++) {
            sb.append("<circle class=\"point\" cx=\"").append(f(px(xy[i][0], x0, x1))).append("\" cy=\"").append(f(py(xy[i][1], y0, y1)))
                    .append("\" r=\"2.2\" fill=\"").append(color(labels[i])).append("\" fill-opacity=\"0.7\"/>");
        }
        int shown = classNames == null ? 0 : Math.min(classNames.length, 10);
        for (int c = 0; c < shown; c++) {
            sb.append("<text x=\"").append(W - R - 4).append("\" y=\"").append(T + 12 + 12 * c).append("\" text-anchor=\"end\" font-size=\"10\" fill=\"")
                    .append(color(c)).append("\">").append(esc(classNames[c])).append("</text>");
        }
        return sb.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\">");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        sb.append(text(W / 2.0, 18, title, "middle").replace("<text ", "<text font-weight=\"bold\" "));
        return sb;
    }

    private static void axes(StringBuilder sb, double x0, double x1, double y0, double y1, String xLabel) {
        sb.append("<line x1=\"").append(L).append("\" y1=\"").append(H - B).append("\" x2=\"").append(W - R).append("\" y2=\"").append(H - B).append("\" stroke=\"#333\"/>");
        sb.append("<line x1=\"").append(L).append("\" y1=\"").append(T).append("\" x2=\"").append(L).append("\" y2=\"").append(H - B).append("\" stroke=\"#333\"/>");
        for (int i = 0; i <= 4; i++) {
            double xv = x0 + (x1 - x0) * i / 4, yv = y0 + (y1 - y0) * i / 4;
            sb.append(text(px(xv, x0, x1), H - B + 14, num(xv), "middle"));
            sb.append(text(L - 4, py(yv, y0, y1) + 4, num(yv), "end"));
        }
        sb.append(text((L + W - R) / 2.0, H - 6, xLabel, "middle"));
    }

    private static double px(double x, double x0, double x1) {
        return L + (x - x0) / (x1 - x0) * (W - L - R);
    }

    private static double py(double y, double y0, double y1) {
        return H - B - (y - y0) / (y1 - y0) * (H - T - B);
    }

    private static String text(double x, double y, String s, String anchor) {
        return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"11\" fill=\"#333\">" + esc(s) + "</text>";
    }

    private static String num(double v) {
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) return String.format(Locale.ROOT, "%.2e", v);
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    public static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
