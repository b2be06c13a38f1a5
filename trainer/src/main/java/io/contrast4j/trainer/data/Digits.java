package io.contrast4j.trainer.data;

/**
 * The scikit-learn "digits" data set shipped in the jar: 1797 handwritten digits as 8x8 images
 * (64 features, pixel counts 0..16 scaled to [0, 1] by /16), 10 classes with 174-183 samples each.
 * It is the test part of the UCI "Optical Recognition of Handwritten Digits" set (Alpaydin and
 * Kaynak, 1998); licence and source in {@code DIGITS-LICENSE.txt} beside {@code digits.csv.gz}.
 * It is the default data set of {@code c4j train}.
 */
public final class Digits {
    /** Resource name, relative to this package. */
    public static final String RESOURCE = "digits.csv.gz";
    /** Number of samples. */
    public static final int SIZE = 1797;
    /** Feature dimension (8 x 8). */
    public static final int DIM = 64;
    /** Number of classes. */
    public static final int NUM_CLASSES = 10;

    private Digits() {
    }

    /** Loads the 1797 digits, features in [0, 1]. */
    public static LabelledDataset load() {
        String source = "classpath:io/contrast4j/trainer/data/" + RESOURCE;
        byte[] bytes = TextFile.readResource(RESOURCE);
        LabelledDataset raw = Csv.parse(source, "digits", bytes,
                Csv.Options.defaults().withHeader(Csv.Header.ABSENT), ',');
        if (raw.dim() != DIM || raw.size() != SIZE || raw.numClasses() != NUM_CLASSES)
            throw new DataException(source, 0, "expected " + SIZE + " rows of " + DIM + " features and " + NUM_CLASSES
                    + " classes, got " + raw.size() + " x " + raw.dim() + " with " + raw.numClasses() + " classes");
        float[][] f = raw.features();
        for (int i = 0; i < f.length; i++) {
            for (int j = 0; j < DIM; j++) {
                float v = f[i][j];
                if (v < 0 || v > 16) throw new DataException(source, i + 1, "pixel " + (j + 1) + " is " + v + ", expected 0..16");
                f[i][j] = v / 16f;
            }
        }
        return new LabelledDataset("digits", f, raw.labels(), NUM_CLASSES);
    }

    /**
     * Deterministic stratified split of {@link #load()}: {@code round(testFraction * n_c)} samples of
     * each class go to the test set, chosen by a shuffle seeded with {@code seed}.
     */
    public static TrainTestSplit split(double testFraction, long seed) {
        return load().stratifiedSplit(testFraction, seed);
    }

    /** {@link #split(double, long)} with 20% test. */
    public static TrainTestSplit split(long seed) {
        return split(0.2, seed);
    }
}
