package io.contrast4j.trainer.train;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.HostStorage;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.io.CheckpointException;
import io.contrast4j.nn.io.NamedArray;
import io.contrast4j.nn.io.SafeTensors;
import io.contrast4j.nn.io.SafeTensorsFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saving a trained encoder with everything needed to rebuild it (the resolved run config and input dimension in
 * the safetensors metadata), and loading it back: a missing, extra or mis-shaped tensor is refused by name.
 */
public final class Checkpoints {
    public static final String PREFIX = "model.";

    private Checkpoints() {
    }

    /** A checkpoint read back: the config it was trained with, its metadata and the rebuilt encoder. */
    public record Loaded(TrainConfig config, Map<String, String> metadata, Encoders.Built encoder) {
    }

    public static Map<String, Tensor> tensorsOf(Module model) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        model.namedParameters().forEach((k, v) -> m.put(PREFIX + k, v));
        model.namedBuffers().forEach((k, v) -> m.put(PREFIX + k, v));
        return m;
    }

    /** Reads {@code path} (a checkpoint file, or a run directory holding one) and rebuilds its encoder. */
    public static Loaded load(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(RunOutput.CHECKPOINT) : path;
        if (!Files.exists(file)) throw new IllegalArgumentException(file + ": no such checkpoint");
        SafeTensorsFile f = SafeTensors.read(file);
        Map<String, String> meta = f.metadata();
        String cfgJson = meta.get("config");
        if (cfgJson == null) throw new CheckpointException(file + ": metadata has no 'config' (not written by c4j train?)");
        TrainConfig cfg = TrainConfig.fromJson(cfgJson, file.toString());
        Encoders.Built built = Encoders.rebuild(cfg, meta, file.toString());
        Map<String, Tensor> params = new LinkedHashMap<>(built.module().namedParameters());
        params.putAll(built.module().namedBuffers());
        for (var e : params.entrySet()) {
            NamedArray a = f.tensors().get(PREFIX + e.getKey());
            if (a == null) throw new CheckpointException(file + ": tensor '" + PREFIX + e.getKey() + "' is missing");
            Tensor t = e.getValue();
            if (!Shape.same(a.shape(), t.shape())) {
                throw new CheckpointException(file + ": tensor '" + PREFIX + e.getKey() + "' has shape " + Shape.str(a.shape())
                        + " but the model needs " + Shape.str(t.shape()));
            }
            if (a.f32() == null) throw new CheckpointException(file + ": tensor '" + PREFIX + e.getKey() + "' is " + a.dtype() + ", expected F32");
            t.assign(t.dtype() == DType.F32 ? HostStorage.of(a.f32().clone()) : Tensor.of(a.f32(), a.shape()).to(t.dtype()).storage());
        }
        for (String name : f.tensors().keySet()) {
            if (name.startsWith(PREFIX) && !params.containsKey(name.substring(PREFIX.length()))) {
                throw new CheckpointException(file + ": tensor '" + name + "' does not belong to the model described by its config");
            }
        }
        built.module().eval();
        return new Loaded(cfg, meta, built);
    }
}
