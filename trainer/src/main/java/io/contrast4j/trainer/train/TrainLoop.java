package io.contrast4j.trainer.train;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossRegistry;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.optim.ConstantLr;
import io.contrast4j.nn.optim.GradClip;
import io.contrast4j.nn.optim.LrSchedule;
import io.contrast4j.nn.optim.OptimRegistry;
import io.contrast4j.nn.optim.Optimizer;
import io.contrast4j.nn.optim.ParamGroup;
import io.contrast4j.nn.optim.ParamGroups;
import io.contrast4j.nn.optim.StepLr;
import io.contrast4j.nn.optim.WarmupCosineLr;
import io.contrast4j.nn.optim.WarmupLinearLr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The pieces every run shares: the loss from the registry, the optimizer with its parameter groups, and the schedule. */
final class TrainLoop {
    /** Loss parameters (proxies, class weights, temperatures) learn this many times faster than the encoder (PML practice). */
    static final double LOSS_LR_MULTIPLIER = 10;
    static final double CLIP_NORM = 10;

    private TrainLoop() {
    }

    static Loss loss(TrainConfig cfg, String defaultId, int numClasses, int dim) {
        String id = cfg.get("loss").equals("auto") ? defaultId : cfg.get("loss");
        var entry = LossRegistry.find(id);
        Params p = Params.parse(cfg.lossParams()).with("dtype", "F32");
        // learnable heads (proxies, class weights) need their sizes: the run knows them; the registry row says which take them
        Params needs = entry.checkParams();
        Loss probe = entry.create();
        if ((needs.has("num_classes") || probe.defaults().containsKey("num_classes")) && !p.has("num_classes")) p = p.with("num_classes", numClasses);
        if ((needs.has("embedding_size") || probe.defaults().containsKey("embedding_size")) && !p.has("embedding_size")) p = p.with("embedding_size", dim);
        if ((needs.has("seed") || probe.defaults().containsKey("seed")) && !p.has("seed")) p = p.with("seed", cfg.getInt("seed"));
        try {
            return entry.factory().apply(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--loss " + entry.id() + ": " + e.getMessage());
        }
    }

    /** The detail of a non-finite error without its "non-finite value ... produced by op 'x': " prefix, for re-wrapping. */
    static String detail(io.contrast4j.autograd.NonFiniteException e) {
        String m = e.getMessage(), prefix = "produced by op '" + e.op() + "': ";
        int at = m.indexOf(prefix);
        return at < 0 ? m : m.substring(at + prefix.length());
    }

    static Optimizer optimizer(TrainConfig cfg, Module model, Loss loss) {
        double lr = cfg.getDouble("lr"), wd = cfg.getDouble("weight-decay");
        if (!(lr > 0)) throw new IllegalArgumentException("--lr must be > 0, got " + lr);
        if (wd < 0) throw new IllegalArgumentException("--weight-decay must be >= 0, got " + wd);
        List<ParamGroup> groups = new ArrayList<>(ParamGroups.defaults(model, lr, wd));
        if (!loss.parameters().isEmpty()) groups.add(new ParamGroup(loss.parameters(), lr * LOSS_LR_MULTIPLIER, 0));
        try {
            return OptimRegistry.create(cfg.get("optimizer"), groups, Params.empty());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--optimizer " + cfg.get("optimizer") + ": " + e.getMessage());
        }
    }

    static LrSchedule schedule(TrainConfig cfg, int totalSteps) {
        double lr = cfg.getDouble("lr");
        double w = cfg.getDouble("warmup");
        if (w < 0) throw new IllegalArgumentException("--warmup must be >= 0 (steps, or a fraction of all steps when < 1), got " + cfg.get("warmup"));
        long warm = w < 1 ? Math.round(w * totalSteps) : (long) w;
        return switch (cfg.get("schedule").toLowerCase(Locale.ROOT)) {
            case "constant" -> new ConstantLr(lr);
            case "step" -> new StepLr(lr, Math.max(1, totalSteps / 3), 0.1);
            case "warmup-linear" -> new WarmupLinearLr(lr, warm, totalSteps);
            case "warmup-cosine" -> new WarmupCosineLr(lr, warm, totalSteps);
            default -> throw new IllegalArgumentException("--schedule must be constant, step, warmup-linear or warmup-cosine, got '" + cfg.get("schedule") + "'");
        };
    }

    /**
     * One optimizer step: forward, backward, clip, schedule, step, clear gradients. {@code forward} recomputes the
     * batch loss, so optimizers that re-evaluate it (SAM) or need its value (MoMo) get what they ask for.
     * Returns the loss value at the parameters before the step.
     */
    static double step(java.util.function.Supplier<Tensor> forward, Optimizer opt, LrSchedule schedule, int step, Module model, Loss lossFn) {
        List<Tensor> all = new ArrayList<>(model.parameters());
        all.addAll(lossFn.parameters());
        Tensor loss = forward.get();
        double value = loss.item();
        loss.backward();
        GradClip.clipGlobalNorm(all, CLIP_NORM);
        schedule.apply(opt, step);
        if (opt.needsClosure()) {
            opt.step(() -> {
                opt.zeroGrad();
                Tensor l = forward.get();
                l.backward();
                GradClip.clipGlobalNorm(all, CLIP_NORM);
                return l.item();
            });
        } else if (opt.needsLoss()) {
            opt.step(value);
        } else {
            opt.step();
        }
        opt.zeroGrad();
        return value;
    }
}
