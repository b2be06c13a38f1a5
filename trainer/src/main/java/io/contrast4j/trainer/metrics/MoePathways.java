package io.contrast4j.trainer.metrics;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;

import java.util.List;

/**
 * M20 · MoE pathway distance and consistency (Li, Fan &amp; Zhou 2025, <i>Where to find Grokking in LLM Pretraining?
 * Monitor Memorization-to-Generalization without Test</i>): a sample's pathway is its sequence of chosen expert ids
 * across layers; {@code pathway_distance} = mean over sample pairs i&lt;j of the Levenshtein edit distance between
 * pathways (and {@code normalized_pathway_distance}, each divided by the longer length); {@code pathway_consistency} =
 * mean over samples of the mean over adjacent layers of cos(e_l, e_{l+1}), e_l the router-weighted aggregate expert
 * embedding of layer l (only when {@link Pathways#layerEmbeddings()} is given). Formula not verified against the paper
 * beyond its summary (edit distance; cosine of weighted expert embeddings of subsequent layers). Needs E15 to produce
 * inputs. Fewer than 2 samples: distances NaN. No parameters.
 */
public final class MoePathways extends BaseMetric {
    public static final CatalogInfo INFO = new CatalogInfo("M20", "MoE pathway distance and complexity", "evaluation", "T2",
            "Li, Fan & Zhou 2025, Where to find Grokking in LLM Pretraining?",
            "distance = mean edit(s_i, s_j); consistency = mean_l cos(e_l, e_{l+1})");

    public MoePathways() {
        this(Params.empty());
    }

    public MoePathways(Params params) {
        super(INFO, ParamUtil.defaults(), List.of(Input.ints("experts", "N x L", "expert ids per layer"),
                Input.floats("layer_embeddings", "N x L x D", "weighted expert embeddings").asOptional()), List.of(Pathways.class), params);
    }

    @Override
    public MetricValues compute(MetricInput input) {
        if (!(input instanceof Pathways pw)) throw Metric.unsupported(this, input);
        int[][] e = pw.experts();
        double s = 0, sn = 0;
        long pairs = 0;
        for (int i = 0; i < e.length; i++) for (int j = i + 1; j < e.length; j++) {
            int d = editDistance(e[i], e[j]);
            s += d;
            int m = Math.max(e[i].length, e[j].length);
            sn += m == 0 ? 0 : (double) d / m;
            pairs++;
        }
        MetricValues.Builder b = MetricValues.builder().put("pathway_distance", pairs == 0 ? Double.NaN : s / pairs)
                .put("normalized_pathway_distance", pairs == 0 ? Double.NaN : sn / pairs);
        if (pw.layerEmbeddings() != null) {
            double c = 0;
            int n = 0;
            for (float[][] layers : pw.layerEmbeddings()) {
                if (layers.length < 2) continue;
                double t = 0;
                for (int l = 0; l + 1 < layers.length; l++) t += VectorMath.cosineD(layers[l], layers[l + 1]);
                c += t / (layers.length - 1);
                n++;
            }
            b.put("pathway_consistency", n == 0 ? Double.NaN : c / n);
        }
        return b.build();
    }

    /** Levenshtein distance (unit insert, delete, substitute). */
    public static int editDistance(int[] a, int[] b) {
        int[] prev = new int[b.length + 1], cur = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) prev[j] = j;
        for (int i = 1; i <= a.length; i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length; j++) {
                cur[j] = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length];
    }
}
