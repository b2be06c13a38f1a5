package io.contrast4j.samplers.corpus;

/**
 * Output of a corpus miner: per row the chosen negative corpus ids (hardest first for "top"), their teacher scores
 * (usable as L201/L202 teacher scores) and the positive's score. A row can hold fewer than the requested negatives.
 */
public record MinedNegatives(int[][] ids, double[][] scores, double[] positiveScores, MiningStats stats) {
    public MinedNegatives {
        if (ids.length != scores.length || ids.length != positiveScores.length) {
            throw new IllegalArgumentException("mined negatives: ids, scores and positiveScores need one row each, got "
                    + ids.length + ", " + scores.length + ", " + positiveScores.length);
        }
    }

    public int rows() {
        return ids.length;
    }

    /**
     * Rows with exactly {@code k} negatives padded for a fixed B x K layout: short rows repeat their own negatives
     * cyclically; a row with none gets -1 entries (the caller masks them, e.g. with InfoNCE's {@code negative_mask}).
     */
    public int[][] padded(int k) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        int[][] out = new int[ids.length][k];
        for (int q = 0; q < ids.length; q++) {
            for (int j = 0; j < k; j++) out[q][j] = ids[q].length == 0 ? -1 : ids[q][j % ids[q].length];
        }
        return out;
    }
}
