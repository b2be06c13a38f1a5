package io.contrast4j.trainer.cli;

/** Display names of metric keys. */
final class LabelledRunNames {
    private LabelledRunNames() {
    }

    static String pretty(String k) {
        return switch (k) {
            case "precision_at_1" -> "Precision@1";
            case "r_precision" -> "R-Precision";
            case "mean_average_precision_at_r" -> "MAP@R";
            default -> k;
        };
    }
}
