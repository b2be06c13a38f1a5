package io.contrast4j.trainer.train;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.layers.Bag;
import io.contrast4j.nn.layers.HashedBagEncoder;
import io.contrast4j.nn.layers.MLP;
import io.contrast4j.nn.layers.Normalize;
import io.contrast4j.nn.layers.Sequential;
import io.contrast4j.nn.text.HashedNgramFeaturizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the encoder a run config describes, and rebuilds it from a checkpoint's metadata: an MLP (feature
 * vectors) or a fastText-style hashed n-gram bag encoder (text).
 */
public final class Encoders {
    private Encoders() {
    }

    /** A built encoder and how to feed it. */
    public record Built(Module module, String kind, int inputDim, HashedNgramFeaturizer featurizer) {
        /** Embeds feature vectors (kind mlp), in batches of 1024, without recording a graph. */
        public float[][] embedVectors(float[][] rows) {
            List<float[]> out = new ArrayList<>(rows.length);
            try (var g = Grad.off()) {
                for (int s = 0; s < rows.length; s += 1024) {
                    int e = Math.min(rows.length, s + 1024);
                    float[][] part = java.util.Arrays.copyOfRange(rows, s, e);
                    Tensor z = module.forward(Tensor.fromArray(part));
                    int d = z.dim(1);
                    float[] flat = z.toFloatArray();
                    for (int i = 0; i < e - s; i++) out.add(java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d));
                }
            }
            return out.toArray(new float[0][]);
        }

        /** Forward with graph on a batch of texts (kind bag). */
        public Tensor forwardTexts(List<String> texts) {
            io.contrast4j.nn.text.Bag b = featurizer.batch(texts);
            // the featurizer's CSR offsets end with ids.length (batch + 1 entries); EmbeddingBag takes the batch starts
            int[] starts = java.util.Arrays.copyOf(b.offsets(), texts.size());
            return ((HashedBagEncoder) ((Sequential) module).get(0)).forward(new Bag(b.ids(), starts));
        }

        /** Embeds texts without recording a graph. */
        public float[][] embedTexts(List<String> texts) {
            List<float[]> out = new ArrayList<>(texts.size());
            try (var g = Grad.off()) {
                for (int s = 0; s < texts.size(); s += 512) {
                    List<String> part = texts.subList(s, Math.min(texts.size(), s + 512));
                    Tensor z = forwardTexts(part);
                    int d = z.dim(1);
                    float[] flat = z.toFloatArray();
                    for (int i = 0; i < part.size(); i++) out.add(java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d));
                }
            }
            return out.toArray(new float[0][]);
        }
    }

    /** An MLP inputDim → hidden... → dim, optionally L2-normalised. */
    public static Built forVectors(TrainConfig cfg, int inputDim, Rng rng) {
        int[] hidden = cfg.getInts("hidden");
        int[] widths = new int[hidden.length + 2];
        widths[0] = inputDim;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = positive(cfg, "dim");
        double dropout = cfg.getDouble("dropout");
        MLP mlp = MLP.builder(widths).activation("relu").dropout(dropout).dtype(DType.F32).rng(rng).build();
        Module m = cfg.getBool("normalize") ? new Sequential(mlp, new Normalize()) : new Sequential(mlp);
        return new Built(m, "mlp", inputDim, null);
    }

    /** A hashed n-gram bag encoder: table (buckets x dim) → [hidden] → dim. */
    public static Built forText(TrainConfig cfg, Rng rng) {
        HashedNgramFeaturizer feat = new HashedNgramFeaturizer(new io.contrast4j.nn.text.Tokenizer(), null,
                HashedNgramFeaturizer.Config.defaults().withBuckets(positive(cfg, "buckets")).withWordNgrams(2));
        int[] hidden = cfg.getInts("hidden");
        int dim = positive(cfg, "dim");
        int embed = Math.max(dim, 64);
        HashedBagEncoder enc = new HashedBagEncoder(feat.dimension(), embed, hidden.length > 0 ? hidden[0] : 0, dim,
                cfg.getBool("normalize"), DType.F32, rng);
        return new Built(new Sequential(enc), "bag", feat.dimension(), feat);
    }

    static Built rebuild(TrainConfig cfg, Map<String, String> meta, String source) {
        String kind = meta.getOrDefault("encoder", "");
        cfg.resolveEncoderDefaults(kind.equals("bag"));
        Rng rng = new Rng(0);
        return switch (kind) {
            case "mlp" -> {
                String in = meta.get("input_dim");
                if (in == null) throw new IllegalArgumentException(source + ": metadata lacks 'input_dim'");
                yield forVectors(cfg, Integer.parseInt(in), rng);
            }
            case "bag" -> forText(cfg, rng);
            default -> throw new IllegalArgumentException(source + ": unknown encoder kind '" + kind + "' in metadata");
        };
    }

    private static int positive(TrainConfig cfg, String key) {
        int v = cfg.getInt(key);
        if (v <= 0) throw new IllegalArgumentException("--" + key + " must be > 0, got " + v);
        return v;
    }
}
