package io.contrast4j.trainer.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A labelled vector data set: {@code features[i]} is sample i, {@code labels[i]} its class in
 * {@code [0, numClasses)}. All rows have the same length and every value is finite (checked on
 * construction, IllegalArgumentException otherwise). The arrays are not copied: treat them as
 * read-only. Subsets ({@link #select}, {@link #subsetByClasses}) share the row arrays.
 */
public record LabelledDataset(String name, float[][] features, int[] labels, int numClasses) {

    public LabelledDataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (features.length != labels.length)
            throw new IllegalArgumentException(name + ": features has " + features.length + " rows but labels has " + labels.length);
        if (numClasses < 0) throw new IllegalArgumentException(name + ": numClasses must be >= 0, got " + numClasses);
        int dim = -1;
        for (int i = 0; i < features.length; i++) {
            float[] row = features[i];
            if (row == null) throw new IllegalArgumentException(name + ": features row " + i + " is null");
            if (dim < 0) dim = row.length;
            else if (row.length != dim)
                throw new IllegalArgumentException(name + ": row " + i + " has " + row.length + " features, row 0 has " + dim);
            for (int j = 0; j < row.length; j++)
                if (!Float.isFinite(row[j]))
                    throw new IllegalArgumentException(name + ": features[" + i + "][" + j + "] is " + row[j]);
            if (labels[i] < 0 || labels[i] >= numClasses)
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of row " + i + " is outside [0, " + numClasses + ")");
        }
    }

    /** Number of samples. */
    public int size() {
        return labels.length;
    }

    /** Feature dimension (0 for an empty data set). */
    public int dim() {
        return features.length == 0 ? 0 : features[0].length;
    }

    /** Samples per class, length {@code numClasses}. */
    public int[] classCounts() {
        int[] c = new int[numClasses];
        for (int y : labels) c[y]++;
        return c;
    }

    /** The samples at {@code idx}, in that order (duplicates allowed); labels and numClasses unchanged. */
    public LabelledDataset select(int[] idx) {
        return select(idx, name);
    }

    /** As {@link #select(int[])} with a new name. */
    public LabelledDataset select(int[] idx, String newName) {
        float[][] f = new float[idx.length][];
        int[] y = new int[idx.length];
        for (int k = 0; k < idx.length; k++) {
            int i = idx[k];
            if (i < 0 || i >= labels.length)
                throw new IllegalArgumentException(name + ": index " + i + " out of range [0, " + labels.length + ")");
            f[k] = features[i];
            y[k] = labels[i];
        }
        return new LabelledDataset(newName, f, y, numClasses);
    }

    /**
     * The samples whose label is one of {@code classes}, in original order. Labels keep their
     * original values (and numClasses is unchanged) so that class ids stay comparable across
     * subsets, e.g. the open-set protocol: train on classes 0-4, evaluate retrieval on 5-9.
     */
    public LabelledDataset subsetByClasses(int... classes) {
        boolean[] keep = new boolean[numClasses];
        for (int c : classes) {
            if (c < 0 || c >= numClasses)
                throw new IllegalArgumentException(name + ": class " + c + " outside [0, " + numClasses + ")");
            keep[c] = true;
        }
        int n = 0;
        for (int y : labels) if (keep[y]) n++;
        int[] idx = new int[n];
        n = 0;
        for (int i = 0; i < labels.length; i++) if (keep[labels[i]]) idx[n++] = i;
        return select(idx, name + Arrays.toString(classes).replace(" ", ""));
    }

    /**
     * This data set with the classes that occur renumbered to {@code 0..k-1} in increasing order of
     * their old id, so a classifier head of size k fits.
     */
    public LabelledDataset compactLabels() {
        int[] counts = classCounts();
        int[] map = new int[numClasses];
        int k = 0;
        for (int c = 0; c < numClasses; c++) map[c] = counts[c] > 0 ? k++ : -1;
        int[] y = new int[labels.length];
        for (int i = 0; i < y.length; i++) y[i] = map[labels[i]];
        return new LabelledDataset(name, features, y, k);
    }

    /** A seeded random permutation of the samples. */
    public LabelledDataset shuffle(long seed) {
        int[] idx = new int[size()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = idx.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        return select(idx);
    }

    /**
     * Deterministic stratified split: within each class the samples are shuffled with {@code seed}
     * and {@code round(testFraction * classCount)} of them go to the test set. Both parts keep the
     * original sample order.
     *
     * @param testFraction in (0, 1)
     */
    public TrainTestSplit stratifiedSplit(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1))
            throw new IllegalArgumentException("testFraction must be in (0, 1), got " + testFraction);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) byClass.add(new ArrayList<>());
        for (int i = 0; i < labels.length; i++) byClass.get(labels[i]).add(i);
        boolean[] isTest = new boolean[labels.length];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (List<Integer> members : byClass) {
            int m = members.size();
            int[] idx = members.stream().mapToInt(Integer::intValue).toArray();
            for (int i = m - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            long nTest = Math.round(testFraction * m);
            for (int k = 0; k < nTest; k++) isTest[idx[k]] = true;
        }
        int nTest = 0;
        for (boolean b : isTest) if (b) nTest++;
        int[] train = new int[labels.length - nTest];
        int[] test = new int[nTest];
        int a = 0, b = 0;
        for (int i = 0; i < labels.length; i++) {
            if (isTest[i]) test[b++] = i;
            else train[a++] = i;
        }
        return new TrainTestSplit(select(train, name + "-train"), select(test, name + "-test"));
    }

    @Override
    public String toString() {
        return "LabelledDataset[" + name + ", " + size() + " x " + dim() + ", " + numClasses + " classes]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelledDataset d && name.equals(d.name) && numClasses == d.numClasses
                && Arrays.equals(labels, d.labels) && Arrays.deepEquals(features, d.features);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, numClasses, Arrays.hashCode(labels), Arrays.deepHashCode(features));
    }
}
