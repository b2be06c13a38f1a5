package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the usual parameter groups: weight decay on weight matrices, none on biases, normalisation parameters and
 * other 1-D parameters (the common transformer recipe, e.g. BERT/HF {@code no_decay = ["bias", "LayerNorm.weight"]}).
 */
public final class ParamGroups {
    private ParamGroups() {
    }

    /**
     * True for parameters that get no weight decay: names ending in {@code bias}, names with a dot-separated part
     * containing {@code norm} or starting with {@code ln} or {@code bn} (ln1, ln_f, bn2, ...), and tensors of rank ≤ 1.
     */
    public static boolean isNoDecay(String name, Tensor t) {
        if (t.rank() <= 1) return true;
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith("bias")) return true;
        for (String part : n.split("\\.")) {
            if (part.contains("norm") || part.startsWith("ln") || part.startsWith("bn")) return true;
        }
        return false;
    }

    /** Default groups from a module: {@code [decay group (weightDecay), no-decay group (0)]}, empty groups omitted. */
    public static List<ParamGroup> defaults(Module m, double lr, double weightDecay) {
        return defaults(m.namedParameters(), lr, weightDecay);
    }

    /** Default groups from named parameters (insertion order kept); parameters that do not require grad are skipped. */
    public static List<ParamGroup> defaults(Map<String, Tensor> named, double lr, double weightDecay) {
        List<Tensor> dp = new ArrayList<>(), np = new ArrayList<>();
        List<String> dn = new ArrayList<>(), nn = new ArrayList<>();
        for (var e : named.entrySet()) {
            if (!e.getValue().requiresGrad()) continue;
            if (isNoDecay(e.getKey(), e.getValue())) {
                np.add(e.getValue());
                nn.add(e.getKey());
            } else {
                dp.add(e.getValue());
                dn.add(e.getKey());
            }
        }
        List<ParamGroup> out = new ArrayList<>();
        if (!dp.isEmpty()) out.add(new ParamGroup(dp, dn, lr, weightDecay));
        if (!np.isEmpty()) out.add(new ParamGroup(np, nn, lr, 0.0));
        return out;
    }

    /** A single group holding every parameter. */
    public static List<ParamGroup> single(List<Tensor> params, double lr, double weightDecay) {
        return List.of(new ParamGroup(params, lr, weightDecay));
    }
}
