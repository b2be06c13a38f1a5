package io.contrast4j.autograd;

/**
 * A seeded random number generator with a fixed algorithm (SplitMix64 and Box-Muller), so the same seed gives
 * bit-identical tensors and models on every JVM.
 */
public final class Rng {
    private long state;
    private double spare = Double.NaN;

    public Rng(long seed) {
        this.state = seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be > 0, got " + bound);
        return (int) ((nextLong() >>> 33) % bound);
    }

    /** Standard normal (Box-Muller). */
    public double nextGaussian() {
        if (!Double.isNaN(spare)) {
            double s = spare;
            spare = Double.NaN;
            return s;
        }
        double u1, u2;
        do {
            u1 = nextDouble();
        } while (u1 <= 1e-300);
        u2 = nextDouble();
        double r = Math.sqrt(-2 * Math.log(u1));
        spare = r * Math.sin(2 * Math.PI * u2);
        return r * Math.cos(2 * Math.PI * u2);
    }

    /** A new generator derived from this one (for giving sub-components their own stream). */
    public Rng split() {
        return new Rng(nextLong());
    }

    /** Fisher-Yates shuffle in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
