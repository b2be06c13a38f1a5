package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.HostStorage;
import io.contrast4j.nn.Module;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Model soups (O05; Wortsman et al., <i>Model soups: averaging weights of multiple fine-tuned models improves
 * accuracy without increasing inference time</i>, ICML 2022; used by KaLM-Embedding-V2): uniform soup
 * θ = (1/K)Σ_k θ_k over checkpoints fine-tuned from the same init; greedy soup: sort checkpoints by their own
 * validation score (descending), then add each one if the soup's score does not drop (≥, the paper's Algorithm 1).
 * Checkpoints are parameter maps (e.g. {@link Module#namedParameters()} or loaded safetensors).
 */
public final class ModelSoup {
    private ModelSoup() {
    }

    /** Element-wise mean of the checkpoints (same names, shapes and dtypes), as new tensors. */
    public static Map<String, Tensor> uniform(List<Map<String, Tensor>> checkpoints) {
        if (checkpoints.isEmpty()) throw new IllegalArgumentException("checkpoints: need at least one");
        Map<String, Tensor> first = checkpoints.get(0);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var e : first.entrySet()) {
            Tensor t0 = e.getValue();
            double[] acc = new double[t0.numel()];
            for (int k = 0; k < checkpoints.size(); k++) {
                Tensor t = checkpoints.get(k).get(e.getKey());
                if (t == null) throw new IllegalArgumentException("checkpoint " + k + " has no parameter '" + e.getKey() + "'");
                if (!Arrays.equals(t.shape(), t0.shape())) throw new IllegalArgumentException("checkpoint " + k + ": '" + e.getKey() + "' has shape " + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(t0.shape()));
                HostStorage h = t.host();
                for (int i = 0; i < acc.length; i++) acc[i] += h.get(i);
            }
            HostStorage r = HostStorage.zeros(t0.dtype(), acc.length);
            for (int i = 0; i < acc.length; i++) r.set(i, acc[i] / checkpoints.size());
            out.put(e.getKey(), Tensor.wrap(r, t0.shape()));
        }
        for (int k = 1; k < checkpoints.size(); k++) {
            if (checkpoints.get(k).size() != first.size()) throw new IllegalArgumentException("checkpoint " + k + " has " + checkpoints.get(k).size() + " parameters, checkpoint 0 has " + first.size());
        }
        return out;
    }

    /** The greedy soup under {@code score} (higher is better, e.g. validation M01); returns the chosen indices' soup. */
    public static Result greedy(List<Map<String, Tensor>> checkpoints, ToDoubleFunction<Map<String, Tensor>> score) {
        if (checkpoints.isEmpty()) throw new IllegalArgumentException("checkpoints: need at least one");
        double[] own = new double[checkpoints.size()];
        Integer[] order = new Integer[checkpoints.size()];
        for (int k = 0; k < own.length; k++) {
            own[k] = score.applyAsDouble(checkpoints.get(k));
            order[k] = k;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer k) -> -own[k]));
        List<Integer> chosen = new ArrayList<>(List.of(order[0]));
        double best = own[order[0]];
        for (int j = 1; j < order.length; j++) {
            List<Integer> trial = new ArrayList<>(chosen);
            trial.add(order[j]);
            double s = score.applyAsDouble(uniform(trial.stream().map(checkpoints::get).toList()));
            if (s >= best) {
                chosen = trial;
                best = s;
            }
        }
        return new Result(uniform(chosen.stream().map(checkpoints::get).toList()), List.copyOf(chosen), best);
    }

    /** A greedy soup, the checkpoint indices in it (in the order added) and its score. */
    public record Result(Map<String, Tensor> soup, List<Integer> ingredients, double score) {
    }

    /** Copies parameter values into a module's parameters in place (names and sizes must match). */
    public static void load(Module m, Map<String, Tensor> values) {
        Map<String, Tensor> ps = m.namedParameters();
        for (var e : ps.entrySet()) {
            Tensor v = values.get(e.getKey());
            if (v == null) throw new IllegalArgumentException("no value for parameter '" + e.getKey() + "'");
            copyInto(e.getValue(), v, e.getKey());
        }
    }

    static void copyInto(Tensor dst, Tensor src, String name) {
        if (!Arrays.equals(dst.shape(), src.shape())) throw new IllegalArgumentException("'" + name + "': shape " + Arrays.toString(src.shape()) + " does not match " + Arrays.toString(dst.shape()));
        boolean device = !dst.storage().isHost();
        HostStorage d = dst.host(), s = src.host();
        for (int i = 0; i < d.size(); i++) d.set(i, s.get(i));
        if (device) dst.assign(d);
    }
}
