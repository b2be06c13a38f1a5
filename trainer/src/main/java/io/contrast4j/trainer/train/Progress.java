package io.contrast4j.trainer.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Training progress: a redrawn bar (steps, loss, samples/s, ETA) on a terminal; plain log lines every
 * {@code logEvery} steps otherwise (CI logs, pipes).
 */
public final class Progress {
    private final PrintStream out;
    private final boolean terminal;
    private final int total;
    private final int logEvery;
    private final long start = System.nanoTime();
    private long samples;
    private boolean barOpen;

    public Progress(PrintStream out, boolean terminal, int totalSteps) {
        this.out = out;
        this.terminal = terminal;
        this.total = totalSteps;
        this.logEvery = Math.max(1, totalSteps / 20);
    }

    public static boolean isTerminal() {
        return System.console() != null && System.console().isTerminal();
    }

    public void step(int step, int epoch, double loss, double lr, int batch) {
        samples += batch;
        double secs = (System.nanoTime() - start) / 1e9;
        double rate = samples / Math.max(secs, 1e-9);
        double eta = step == 0 ? 0 : secs / step * (total - step);
        if (terminal) {
            int width = 28, filled = (int) Math.round(width * step / (double) total);
            out.printf(Locale.ROOT, "\r[%s%s] %d/%d  epoch %d  loss %.4f  %.0f samples/s  ETA %s ",
                    "#".repeat(filled), ".".repeat(width - filled), step, total, epoch, loss, rate, time(eta));
            out.flush();
            barOpen = true;
        } else if (step % logEvery == 0 || step == total) {
            out.printf(Locale.ROOT, "step %d/%d  epoch %d  loss %.4f  lr %.2e  %.0f samples/s  ETA %s%n",
                    step, total, epoch, loss, lr, rate, time(eta));
        }
    }

    /** A line that must not be drawn over by the bar (evaluation results, warnings). */
    public void line(String s) {
        if (barOpen) {
            out.println();
            barOpen = false;
        }
        out.println(s);
    }

    public void finish() {
        if (barOpen) out.println();
        barOpen = false;
    }

    public double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String time(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60) : String.format(Locale.ROOT, "%d:%02d", t / 60, t % 60);
    }
}
