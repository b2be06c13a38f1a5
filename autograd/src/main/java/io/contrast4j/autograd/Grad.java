package io.contrast4j.autograd;

/**
 * Engine switches for the current thread: gradient recording (on by default; {@link #off()} opens a no-grad scope)
 * and the non-finite check (system property {@code c4j.nanCheck}, or {@link #checkNonFinite(boolean)}).
 */
public final class Grad {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[]{true});
    private static final ThreadLocal<Boolean> NAN_CHECK =
            ThreadLocal.withInitial(() -> Boolean.getBoolean("c4j.nanCheck"));

    private Grad() {
    }

    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** {@code try (var g = Grad.off()) { ... }}: ops inside record no graph. */
    public static Scope off() {
        return set(false);
    }

    /** Re-enables recording inside a no-grad scope (used by backward with {@code createGraph}). */
    public static Scope on() {
        return set(true);
    }

    private static Scope set(boolean v) {
        boolean[] cell = ENABLED.get();
        boolean prev = cell[0];
        cell[0] = v;
        return () -> cell[0] = prev;
    }

    public static boolean nonFiniteCheck() {
        return NAN_CHECK.get();
    }

    /** Turns the check on or off for this thread; when on, the first op producing NaN or +Inf throws (−∞ is allowed: it is the log-domain mask) {@link NonFiniteException}. */
    public static void checkNonFinite(boolean on) {
        NAN_CHECK.set(on);
    }

    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
