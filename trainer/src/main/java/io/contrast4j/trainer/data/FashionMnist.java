package io.contrast4j.trainer.data;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017; MIT licence, Zalando SE): 28x28 grey images of
 * 10 clothing classes, 60000 train and 10000 test (6000 / 1000 per class), read from the gzipped
 * IDX files of the Debian package {@code dataset-fashion-mnist} in {@link #DEFAULT_DIR}.
 * Features are pixel / 255 (784 per image).
 */
public final class FashionMnist {
    /** Where {@code apt-get install -y dataset-fashion-mnist} puts the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The apt command that installs the data set. */
    public static final String INSTALL = "apt-get install -y dataset-fashion-mnist";
    /** Class names by label. */
    public static final String[] CLASS_NAMES = {
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
    /** Number of classes. */
    public static final int NUM_CLASSES = 10;
    /** Classes trained on in the open-set protocol. */
    public static final int[] OPEN_SET_TRAIN_CLASSES = {0, 1, 2, 3, 4};
    /** Unseen classes evaluated in the open-set protocol. */
    public static final int[] OPEN_SET_EVAL_CLASSES = {5, 6, 7, 8, 9};

    private FashionMnist() {
    }

    /** {@link #load(Path, Split)} from {@link #DEFAULT_DIR}. */
    public static LabelledDataset load(Split split) {
        return load(DEFAULT_DIR, split);
    }

    /**
     * Loads the train or test part from {@code dir}, which holds {@code train-images-idx3-ubyte.gz},
     * {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz} and
     * {@code t10k-labels-idx1-ubyte.gz} (the names without {@code .gz} are accepted too).
     *
     * @param split TRAIN or TEST (Fashion-MNIST has no dev part: split one off with
     *              {@link LabelledDataset#stratifiedSplit})
     * @throws DataException when the directory is missing (naming the apt package) or a file is bad
     */
    public static LabelledDataset load(Path dir, Split split) {
        String prefix = switch (split) {
            case TRAIN -> "train";
            case TEST -> "t10k";
            case DEV -> throw new IllegalArgumentException("Fashion-MNIST has no DEV split: use TRAIN or TEST"
                    + " (and LabelledDataset.stratifiedSplit for a validation part)");
        };
        if (!Files.isDirectory(dir)) throw DataException.notInstalled("Fashion-MNIST", dir, INSTALL);
        Path images = find(dir, prefix + "-images-idx3-ubyte");
        Path labelsFile = find(dir, prefix + "-labels-idx1-ubyte");
        float[][] x = Idx.readImages(images);
        int[] y = Idx.readLabels(labelsFile);
        if (x.length != y.length)
            throw new DataException(labelsFile, 0, y.length + " labels but " + images.getFileName() + " has " + x.length + " images");
        for (int i = 0; i < y.length; i++)
            if (y[i] >= NUM_CLASSES)
                throw new DataException(labelsFile, 0, "label " + y[i] + " of item " + i + " is outside 0.." + (NUM_CLASSES - 1));
        return new LabelledDataset("fashion-mnist-" + split.name().toLowerCase(java.util.Locale.ROOT), x, y, NUM_CLASSES);
    }

    private static Path find(Path dir, String base) {
        Path gz = dir.resolve(base + ".gz");
        if (Files.exists(gz)) return gz;
        Path plain = dir.resolve(base);
        if (Files.exists(plain)) return plain;
        throw new DataException(gz, 0, "file not found (Fashion-MNIST incomplete? reinstall with '" + INSTALL + "')");
    }

    /**
     * The open-set protocol: train on classes 0-4 of the train part, evaluate (retrieval of unseen
     * classes) on classes 5-9 of the test part. Labels keep their original values.
     */
    public static TrainTestSplit openSet(LabelledDataset train, LabelledDataset test) {
        return new TrainTestSplit(train.subsetByClasses(OPEN_SET_TRAIN_CLASSES), test.subsetByClasses(OPEN_SET_EVAL_CLASSES));
    }

    /** {@link #openSet(LabelledDataset, LabelledDataset)} of the data in {@code dir}. */
    public static TrainTestSplit openSet(Path dir) {
        return openSet(load(dir, Split.TRAIN), load(dir, Split.TEST));
    }
}
