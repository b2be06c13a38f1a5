package io.contrast4j.nn.optim;

import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.backend.HostStorage;
import io.contrast4j.nn.Module;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Exponential moving average of weights / momentum teacher (O04; MoCo key encoder, He et al. CVPR 2020; BYOL
 * target, Grill et al. NeurIPS 2020): after each optimizer step ξ ← m·ξ + (1−m)·θ, in place on the target's
 * arrays. The target is never differentiated (teacher outputs are constants). Defaults: m = 0.999 (MoCo);
 * BYOL schedules m from 0.996 to 1 with {@link #byolMomentum(double, long, long)}.
 */
public final class Ema {
    private final List<Tensor> target;
    private final List<Tensor> source;
    private double momentum;

    /** Tracks {@code source} into {@code target} (pairwise same shape and dtype). */
    public Ema(List<Tensor> target, List<Tensor> source, double momentum) {
        if (target.size() != source.size()) throw new IllegalArgumentException("target has " + target.size() + " tensors, source has " + source.size());
        for (int i = 0; i < target.size(); i++) {
            Tensor a = target.get(i), b = source.get(i);
            if (a.numel() != b.numel() || a.dtype() != b.dtype() || !java.util.Arrays.equals(a.shape(), b.shape())) {
                throw new IllegalArgumentException("tensor " + i + ": target " + java.util.Arrays.toString(a.shape()) + " " + a.dtype()
                        + " does not match source " + java.util.Arrays.toString(b.shape()) + " " + b.dtype());
            }
            if (a == b) throw new IllegalArgumentException("tensor " + i + ": target and source are the same tensor");
        }
        this.target = List.copyOf(target);
        this.source = List.copyOf(source);
        setMomentum(momentum);
    }

    /** A shadow copy of {@code source} (detached, no gradient), initialised to its current values. */
    public static Ema shadow(List<Tensor> source, double momentum) {
        List<Tensor> t = new ArrayList<>();
        for (Tensor s : source) t.add(Tensor.wrap(s.host().copy(), s.shape()));
        return new Ema(t, source, momentum);
    }

    /** Teacher ← EMA of student, matching parameters by name (both modules must have the same parameter names). */
    public static Ema of(Module teacher, Module student, double momentum) {
        Map<String, Tensor> tp = teacher.namedParameters(), sp = student.namedParameters();
        if (!tp.keySet().equals(sp.keySet())) throw new IllegalArgumentException("teacher and student parameter names differ: " + tp.keySet() + " vs " + sp.keySet());
        List<Tensor> t = new ArrayList<>(), s = new ArrayList<>();
        for (String k : tp.keySet()) {
            t.add(tp.get(k));
            s.add(sp.get(k));
        }
        return new Ema(t, s, momentum);
    }

    /** Copies the source into the target (teacher initialisation, m = 0 update). */
    public void copyFromSource() {
        apply(0.0);
    }

    public void update() {
        apply(momentum);
    }

    private void apply(double m) {
        double c = 1 - m;
        for (int k = 0; k < target.size(); k++) {
            Tensor tt = target.get(k);
            boolean device = !tt.storage().isHost();
            HostStorage t = tt.host(), s = source.get(k).host();
            if (t.f != null) {
                float[] a = t.f, b = s.f;
                for (int i = 0; i < a.length; i++) a[i] = (float) (m * a[i] + c * b[i]);
            } else {
                double[] a = t.d, b = s.d;
                for (int i = 0; i < a.length; i++) a[i] = m * a[i] + c * b[i];
            }
            if (device) tt.assign(t);
        }
    }

    public double momentum() {
        return momentum;
    }

    public void setMomentum(double m) {
        if (!(m >= 0 && m <= 1)) throw new IllegalArgumentException("momentum must be in [0, 1], got " + m);
        this.momentum = m;
    }

    public List<Tensor> target() {
        return target;
    }

    /** BYOL's schedule m_k = 1 − (1 − m₀)·(cos(πk/K) + 1)/2, from m₀ at k = 0 to 1 at k = K. */
    public static double byolMomentum(double base, long step, long totalSteps) {
        if (totalSteps <= 0) throw new IllegalArgumentException("totalSteps must be > 0, got " + totalSteps);
        double k = Math.min(step, totalSteps);
        return 1 - (1 - base) * (Math.cos(Math.PI * k / totalSteps) + 1) / 2;
    }
}
