package io.contrast4j.trainer.train;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Shape;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.HostStorage;
import io.contrast4j.losses.Loss;
import io.contrast4j.nn.io.CheckpointException;
import io.contrast4j.nn.io.NamedArray;
import io.contrast4j.nn.io.SafeTensors;
import io.contrast4j.nn.io.SafeTensorsFile;
import io.contrast4j.nn.optim.Optimizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run needs to continue exactly where it stopped: model and loss parameters (F32), optimizer state
 * (F64 moments, step counts), and the position (step, epoch) in the metadata. Batches are a pure function of
 * (seed, epoch) and the learning rate of the step, so restoring these makes {@code --resume} bit-identical to an
 * uninterrupted run on the CPU backends.
 */
public final class TrainState {
    public static final String OPTIM_PREFIX = "optim.";

    private TrainState() {
    }

    /** Position of a saved state. */
    public record Position(int step, int epoch) {
    }

    public static void save(RunOutput out, Encoders.Built enc, Loss loss, Optimizer opt, TrainConfig cfg, int step, int epoch) {
        List<NamedArray> arrays = new ArrayList<>();
        LabelledRun.checkpointTensors(enc, loss).forEach((name, t) -> arrays.add(NamedArray.f32(name, t.shape(), t.toFloatArray())));
        for (NamedArray a : opt.state()) arrays.add(rename(a, OPTIM_PREFIX + a.name()));
        Map<String, String> meta = new LinkedHashMap<>(LabelledRun.metadata(cfg, enc));
        meta.put("step", Integer.toString(step));
        meta.put("epoch", Integer.toString(epoch));
        SafeTensors.write(out.dir().resolve(RunOutput.CHECKPOINT), arrays, meta);
    }

    private static NamedArray rename(NamedArray a, String name) {
        return new NamedArray(name, a.dtype(), a.shape(), a.f32(), a.f64(), a.i32(), a.i64());
    }

    /** Restores parameters and optimizer state saved by {@link #save}; returns the position to continue from. */
    public static Position restore(Path dir, Encoders.Built enc, Loss loss, Optimizer opt) {
        Path file = dir.resolve(RunOutput.CHECKPOINT);
        if (!Files.exists(file)) throw new IllegalArgumentException("--resume " + dir + ": no " + RunOutput.CHECKPOINT + " there");
        SafeTensorsFile f = SafeTensors.read(file);
        Map<String, Tensor> params = LabelledRun.checkpointTensors(enc, loss);
        for (var e : params.entrySet()) {
            NamedArray a = f.tensors().get(e.getKey());
            if (a == null) throw new CheckpointException(file + ": tensor '" + e.getKey() + "' is missing");
            Tensor t = e.getValue();
            if (!Shape.same(a.shape(), t.shape()) || a.f32() == null) {
                throw new CheckpointException(file + ": tensor '" + e.getKey() + "' is " + a.dtype() + " " + Shape.str(a.shape())
                        + ", the run needs F32 " + Shape.str(t.shape()));
            }
            t.assign(t.dtype() == DType.F32 ? HostStorage.of(a.f32().clone()) : Tensor.of(a.f32(), a.shape()).to(t.dtype()).storage());
        }
        List<NamedArray> state = new ArrayList<>();
        for (var e : f.tensors().entrySet()) {
            if (e.getKey().startsWith(OPTIM_PREFIX)) state.add(rename(e.getValue(), e.getKey().substring(OPTIM_PREFIX.length())));
        }
        opt.loadState(state);
        Map<String, String> m = f.metadata();
        try {
            return new Position(Integer.parseInt(m.get("step")), Integer.parseInt(m.get("epoch")));
        } catch (NumberFormatException | NullPointerException e) {
            throw new CheckpointException(file + ": metadata lacks a valid 'step'/'epoch' (not a resumable c4j checkpoint)");
        }
    }
}
