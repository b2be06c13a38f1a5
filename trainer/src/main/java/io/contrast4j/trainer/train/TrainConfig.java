package io.contrast4j.trainer.train;

import io.contrast4j.nn.io.Json;
import io.contrast4j.nn.io.JsonException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The resolved configuration of a training run: defaults, then a JSON config file ({@code --config}), then flags.
 * Every key is listed in {@link #KEYS} with its default and help line; unknown keys are refused by name.
 */
public final class TrainConfig {
    /** key → {default, help}. The defaults train on the embedded digits data in well under a minute on 2 cores. */
    public static final Map<String, String[]> KEYS = new LinkedHashMap<>();

    static {
        key("data", "digits", "built-in name (digits, fashion-mnist, fashion-mnist-openset, wordnet) or a path: CSV/TSV file, JSONL pairs/triplets, BEIR folder");
        key("encoder", "auto", "mlp (feature vectors), bag (hashed n-gram text encoder), transformer (token ids); auto picks by data");
        key("hidden", "auto", "hidden widths of the MLP / bag encoder, comma-separated, empty for none (auto: 256 for the MLP, none for text)");
        key("dim", "auto", "embedding dimension (auto: 64 for the MLP, 256 for text)");
        key("normalize", "true", "L2-normalise the output embeddings");
        key("dropout", "0", "dropout between hidden layers");
        key("loss", "auto", "loss ID or name from 'c4j list losses' (auto: L011 multi-similarity for labels, L101 InfoNCE for text)");
        key("loss-param", "", "loss parameter name=value (repeatable)");
        key("miner", "none", "miner ID from 'c4j list miners', or none");
        key("miner-param", "", "miner parameter name=value (repeatable)");
        key("sampler", "auto", "batch sampler ID from 'c4j list samplers' (auto: S004 P x K for labels, random for text)");
        key("hard-negatives", "0", "text data: mined hard negatives per query (positive-aware filter); 0 = in-batch only");
        key("mining", "bm25", "text data: where hard negatives come from: bm25, or dense (the encoder itself, re-mined every epoch)");
        key("optimizer", "adamw", "sgd, adam, adamw, lamb");
        key("lr", "0.002", "peak learning rate");
        key("weight-decay", "0.0001", "decoupled weight decay (not applied to biases and norms)");
        key("schedule", "warmup-cosine", "constant, step, warmup-linear, warmup-cosine");
        key("warmup", "0.05", "warm-up steps, or a fraction of all steps when < 1");
        key("epochs", "auto", "epochs over the training split (auto: by data set)");
        key("steps", "0", "total optimizer steps (overrides epochs when > 0)");
        key("batch-size", "auto", "samples per batch (auto: by data set)");
        key("seed", "42", "seed for initialisation, sampling and splits");
        key("backend", "vector", "vector, scalar, or opencl");
        key("eval-every", "1", "evaluate on the dev split every N epochs");
        key("out", "", "output directory (default runs/<data>-<loss>-<n>, a new one each run)");
        key("overwrite", "false", "allow writing into a non-empty --out directory");
        key("checkpoint-every", "0", "also checkpoint every N steps (0: after every evaluation and at the end)");
        key("resume", "", "continue the run in this directory from its last checkpoint (same config; bit-identical on CPU)");
        key("nan-check", "true", "stop at the first op that produces NaN/Inf, naming it");
        key("max-train", "0", "use at most this many training samples (0 = all)");
        key("wordnet-synsets", "4000", "WordNet: number of noun synsets to use");
        key("buckets", "65536", "text encoder: hashed n-gram buckets (rows of the embedding table)");
    }

    private static void key(String k, String def, String help) {
        KEYS.put(k, new String[]{def, help});
    }

    private final Map<String, String> values;
    private final List<String> lossParams;
    private final List<String> minerParams;

    private TrainConfig(Map<String, String> values, List<String> lossParams, List<String> minerParams) {
        this.values = values;
        this.lossParams = lossParams;
        this.minerParams = minerParams;
    }

    /** Builds a config from an optional JSON file and flag values (flags win). */
    public static TrainConfig resolve(Path configFile, Map<String, List<String>> flags) {
        Map<String, String> v = new LinkedHashMap<>();
        KEYS.forEach((k, d) -> v.put(k, d[0]));
        List<String> lp = new ArrayList<>(), mp = new ArrayList<>();
        if (configFile != null) readFile(configFile, v, lp, mp);
        for (var e : flags.entrySet()) {
            String k = e.getKey();
            if (k.equals("config") || k.equals("help")) continue;
            if (!KEYS.containsKey(k)) throw new IllegalArgumentException("unknown option --" + k);
            if (k.equals("loss-param")) lp.addAll(e.getValue());
            else if (k.equals("miner-param")) mp.addAll(e.getValue());
            else v.put(k, e.getValue().get(e.getValue().size() - 1));
        }
        return new TrainConfig(v, lp, mp);
    }

    /** A config as stored in a checkpoint's metadata. */
    public static TrainConfig fromJson(String json, String source) {
        Map<String, String> v = new LinkedHashMap<>();
        KEYS.forEach((k, d) -> v.put(k, d[0]));
        List<String> lp = new ArrayList<>(), mp = new ArrayList<>();
        Json root;
        try {
            root = Json.parse(json);
        } catch (JsonException e) {
            throw new IllegalArgumentException(source + ": stored config is not valid JSON: " + e.getMessage());
        }
        apply(root, source, v, lp, mp);
        return new TrainConfig(v, lp, mp);
    }

    private static void readFile(Path file, Map<String, String> v, List<String> lp, List<String> mp) {
        Json root;
        try {
            root = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read config (" + e.getMessage() + ")");
        } catch (JsonException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage());
        }
        apply(root, file.toString(), v, lp, mp);
    }

    private static void apply(Json root, String file, Map<String, String> v, List<String> lp, List<String> mp) {
        if (!(root instanceof Json.Obj o)) throw new IllegalArgumentException(file + ": a config must be a JSON object");
        for (var e : o.members().entrySet()) {
            String k = e.getKey();
            if (!KEYS.containsKey(k)) throw new IllegalArgumentException(file + ": unknown key '" + k + "' (see c4j train --help)");
            if (k.equals("loss-param") || k.equals("miner-param")) {
                List<String> target = k.equals("loss-param") ? lp : mp;
                if (e.getValue() instanceof Json.Obj po) po.members().forEach((pk, pv) -> target.add(pk + "=" + scalar(pv)));
                else throw new IllegalArgumentException(file + ": '" + k + "' must be an object of name: value");
            } else {
                v.put(k, scalar(e.getValue()));
            }
        }
    }

    private static String scalar(Json j) {
        return switch (j) {
            case Json.Str s -> s.value();
            case Json.Num n -> n.text();
            case Json.Bool b -> Boolean.toString(b.value());
            default -> throw new IllegalArgumentException("config values must be strings, numbers or booleans, got " + j.toJson());
        };
    }

    public String get(String k) {
        String v = values.get(k);
        if (v == null) throw new IllegalArgumentException("unknown config key '" + k + "'");
        return v;
    }

    public void set(String k, String v) {
        if (!KEYS.containsKey(k)) throw new IllegalArgumentException("unknown config key '" + k + "'");
        values.put(k, v);
    }

    public int getInt(String k) {
        try {
            return Integer.parseInt(get(k));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + k + " must be an integer, got '" + get(k) + "'");
        }
    }

    public double getDouble(String k) {
        try {
            double d = Double.parseDouble(get(k));
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + k + " must be a finite number, got '" + get(k) + "'");
        }
    }

    public boolean getBool(String k) {
        String v = get(k).toLowerCase(Locale.ROOT);
        if (v.equals("true")) return true;
        if (v.equals("false")) return false;
        throw new IllegalArgumentException("--" + k + " must be true or false, got '" + get(k) + "'");
    }

    /** Fills "auto" sizes for the encoder kind: the MLP gets a 256-wide hidden layer and 64 dims, text a linear 256-dim map. */
    public void resolveEncoderDefaults(boolean text) {
        if (get("hidden").equals("auto")) values.put("hidden", text ? "" : "256");
        if (get("dim").equals("auto")) values.put("dim", text ? "256" : "64");
    }

    public int[] getInts(String k) {
        String v = get(k).trim();
        if (v.isEmpty()) return new int[0];
        String[] parts = v.split(",");
        int[] r = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                r[i] = Integer.parseInt(parts[i].trim());
                if (r[i] <= 0) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + k + " must be positive integers separated by commas, got '" + v + "'");
            }
        }
        return r;
    }

    public List<String> lossParams() {
        return lossParams;
    }

    public List<String> minerParams() {
        return minerParams;
    }

    /** The resolved values, for the run's config.json and report. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>(values);
        m.put("loss-param", String.join(" ", lossParams));
        m.put("miner-param", String.join(" ", minerParams));
        return m;
    }

    /** Keys that say where or how a run was started, not what it trains: left out of stored configs. */
    static final java.util.Set<String> RUN_ONLY = java.util.Set.of("out", "overwrite", "resume");

    public String toJson() {
        Map<String, Json> m = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!RUN_ONLY.contains(k)) m.put(k, new Json.Str(v));
        });
        Map<String, Json> lp = new LinkedHashMap<>();
        for (String p : lossParams) lp.put(p.substring(0, Math.max(0, p.indexOf('='))), new Json.Str(p.substring(p.indexOf('=') + 1)));
        m.put("loss-param", new Json.Obj(lp));
        Map<String, Json> mp = new LinkedHashMap<>();
        for (String p : minerParams) mp.put(p.substring(0, Math.max(0, p.indexOf('='))), new Json.Str(p.substring(p.indexOf('=') + 1)));
        m.put("miner-param", new Json.Obj(mp));
        return new Json.Obj(m).toJson();
    }

    public static String help() {
        StringBuilder sb = new StringBuilder("usage: c4j train [--config run.json] [--KEY VALUE]...\n");
        KEYS.forEach((k, d) -> sb.append(String.format(Locale.ROOT, "  --%-16s %s (default: %s)%n", k, d[1], d[0].isEmpty() ? "-" : d[0])));
        return sb.toString();
    }
}
