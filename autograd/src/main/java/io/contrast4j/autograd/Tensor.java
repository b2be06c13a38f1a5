package io.contrast4j.autograd;

import io.contrast4j.autograd.backend.Backend;
import io.contrast4j.autograd.backend.Backends;
import io.contrast4j.autograd.backend.BinaryOp;
import io.contrast4j.autograd.backend.HostStorage;
import io.contrast4j.autograd.backend.ReduceOp;
import io.contrast4j.autograd.backend.Storage;
import io.contrast4j.autograd.backend.UnaryOp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * An n-dimensional array (row-major, contiguous) that records the ops applied to it, so {@link #backward()} can
 * compute gradients (define-by-run reverse mode, like PyTorch).
 *
 * <p>Every op below is a primitive with its backward rule written in terms of other ops (tinygrad style), so the
 * rules run on any {@link Backend}. Binary ops broadcast like NumPy. Shape errors name the op and the shapes.
 */
public final class Tensor {
    private final int[] shape;
    private Storage data;
    private boolean requiresGrad;
    private Tensor grad;
    private Node node;
    private String label;

    /** A recorded op: its name, its inputs and the rule mapping the output's gradient to the inputs' gradients. */
    private static final class Node {
        final Op op;
        Tensor[] inputs;
        Backward backward;

        Node(Op op, Tensor[] inputs, Backward backward) {
            this.op = op;
            this.inputs = inputs;
            this.backward = backward;
        }
    }

    @FunctionalInterface
    private interface Backward {
        /** Gradients for each input (entries for inputs that need no gradient may be null). */
        Tensor[] apply(Tensor gradOut);
    }

    private Tensor(Storage data, int[] shape) {
        if (data.size() != Shape.numel(shape)) {
            throw new IllegalArgumentException("data has " + data.size() + " elements but shape " + Shape.str(shape)
                    + " needs " + Shape.numel(shape));
        }
        this.data = data;
        this.shape = shape.clone();
    }

    // ------------------------------------------------------------------ creation

    /** Wraps existing storage (no copy). */
    public static Tensor wrap(Storage data, int... shape) {
        return new Tensor(data, shape);
    }

    public static Tensor of(float[] values, int... shape) {
        return new Tensor(HostStorage.of(values.clone()), shape.length == 0 && values.length != 1 ? new int[]{values.length} : shape);
    }

    public static Tensor of(double[] values, int... shape) {
        return new Tensor(HostStorage.of(values.clone()), shape.length == 0 && values.length != 1 ? new int[]{values.length} : shape);
    }

    public static Tensor ofInts(int[] values, int... shape) {
        return new Tensor(HostStorage.of(values.clone()), shape.length == 0 && values.length != 1 ? new int[]{values.length} : shape);
    }

    /** From a rectangular 2-D array (F64). Ragged rows are an error naming the row. */
    public static Tensor fromArray(double[][] rows) {
        int n = rows.length, d = n == 0 ? 0 : rows[0].length;
        double[] flat = new double[n * d];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + d);
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return new Tensor(HostStorage.of(flat), new int[]{n, d});
    }

    /** From a rectangular 2-D array (F32). */
    public static Tensor fromArray(float[][] rows) {
        int n = rows.length, d = n == 0 ? 0 : rows[0].length;
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + d);
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return new Tensor(HostStorage.of(flat), new int[]{n, d});
    }

    public static Tensor scalar(double v, DType dtype) {
        return full(dtype, v);
    }

    public static Tensor scalar(double v) {
        return full(DType.F64, v);
    }

    public static Tensor zeros(DType dtype, int... shape) {
        return new Tensor(Backends.current().zeros(dtype, Shape.numel(shape)), shape);
    }

    public static Tensor ones(DType dtype, int... shape) {
        return full(dtype, 1, shape);
    }

    public static Tensor full(DType dtype, double value, int... shape) {
        return new Tensor(Backends.current().full(dtype, Shape.numel(shape), value), shape);
    }

    public static Tensor arange(DType dtype, int n) {
        HostStorage h = HostStorage.zeros(dtype, n);
        for (int i = 0; i < n; i++) h.set(i, i);
        return new Tensor(h, new int[]{n});
    }

    /** Standard-normal samples from a seeded {@link Rng}. */
    public static Tensor randn(DType dtype, Rng rng, int... shape) {
        HostStorage h = HostStorage.zeros(dtype, Shape.numel(shape));
        for (int i = 0; i < h.size(); i++) h.set(i, rng.nextGaussian());
        return new Tensor(h, shape);
    }

    /** Uniform samples in [lo, hi) from a seeded {@link Rng}. */
    public static Tensor rand(DType dtype, Rng rng, double lo, double hi, int... shape) {
        HostStorage h = HostStorage.zeros(dtype, Shape.numel(shape));
        for (int i = 0; i < h.size(); i++) h.set(i, lo + (hi - lo) * rng.nextDouble());
        return new Tensor(h, shape);
    }

    /** One-hot rows for integer {@code labels} (no gradient). */
    public static Tensor oneHot(Tensor labels, int numClasses, DType dtype) {
        int[] y = labels.toIntArray();
        HostStorage h = HostStorage.zeros(dtype, y.length * numClasses);
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= numClasses) throw new IllegalArgumentException("oneHot: label " + y[i] + " at " + i + " outside [0, " + numClasses + ")");
            h.set(i * numClasses + y[i], 1);
        }
        return new Tensor(h, new int[]{y.length, numClasses});
    }

    // ------------------------------------------------------------------ properties

    public int[] shape() {
        return shape.clone();
    }

    public int dim(int axis) {
        return shape[Shape.axis("dim", axis, shape.length)];
    }

    public int rank() {
        return shape.length;
    }

    public int numel() {
        return data.size();
    }

    public DType dtype() {
        return data.dtype();
    }

    public Storage storage() {
        return data;
    }

    /** Replaces the values in place, keeping shape and identity (for optimizers and loading; never recorded). */
    public void assign(Storage newData) {
        if (newData.size() != data.size() || newData.dtype() != data.dtype()) {
            throw new IllegalArgumentException("assign: expected " + data.size() + " " + data.dtype() + " values, got "
                    + newData.size() + " " + newData.dtype());
        }
        this.data = newData;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf as trainable; its gradient accumulates in {@link #grad()}. */
    public Tensor requiresGrad(boolean on) {
        if (on && !dtype().isFloating()) throw new IllegalArgumentException("only F32/F64 tensors can require grad, this one is " + dtype());
        this.requiresGrad = on;
        return this;
    }

    public Tensor grad() {
        return grad;
    }

    public void zeroGrad() {
        grad = null;
    }

    public void setGrad(Tensor g) {
        this.grad = g;
    }

    /** The op that produced this tensor, or {@code null} for a leaf. */
    public Op op() {
        return node == null ? null : node.op;
    }

    public Tensor label(String name) {
        this.label = name;
        return this;
    }

    public String label() {
        return label;
    }

    // ------------------------------------------------------------------ host access

    public HostStorage host() {
        Storage s = data;
        return s.isHost() ? (HostStorage) s : s.owner().download(s);
    }

    public double item() {
        if (numel() != 1) throw new IllegalStateException("item() needs a single-element tensor, shape is " + Shape.str(shape));
        return host().get(0);
    }

    public double get(int... index) {
        if (index.length != shape.length) throw new IllegalArgumentException("get: " + index.length + " indices for rank " + shape.length);
        int[] st = Shape.strides(shape);
        int off = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of shape " + Shape.str(shape));
            off += index[i] * st[i];
        }
        return host().get(off);
    }

    public double[] toDoubleArray() {
        HostStorage h = host();
        double[] r = new double[h.size()];
        for (int i = 0; i < r.length; i++) r[i] = h.get(i);
        return r;
    }

    public float[] toFloatArray() {
        HostStorage h = host();
        if (h.f != null) return h.f.clone();
        float[] r = new float[h.size()];
        for (int i = 0; i < r.length; i++) r[i] = (float) h.get(i);
        return r;
    }

    public int[] toIntArray() {
        HostStorage h = host();
        if (h.i != null) return h.i.clone();
        int[] r = new int[h.size()];
        for (int i = 0; i < r.length; i++) {
            double v = h.get(i);
            if (v != Math.rint(v)) throw new IllegalArgumentException("value " + v + " at " + i + " is not an integer");
            r[i] = (int) v;
        }
        return r;
    }

    // ------------------------------------------------------------------ graph machinery

    private static Backend be() {
        return Backends.current();
    }

    /** This tensor's data readable by {@code b} (uploads or downloads across backends when needed). */
    private Storage on(Backend b) {
        Storage s = data;
        if (s.isHost()) return b.upload((HostStorage) s);
        if (s.owner() == b) return s;
        return b.upload(s.owner().download(s));
    }

    private static boolean anyRequiresGrad(Tensor... ts) {
        if (!Grad.isEnabled()) return false;
        for (Tensor t : ts) if (t != null && t.requiresGrad) return true;
        return false;
    }

    /** Creates an op's output, recording the node when any input requires grad, and applying the non-finite check. */
    private static Tensor make(Op op, Storage out, int[] shape, Backward bw, Tensor... inputs) {
        Tensor t = new Tensor(out, shape);
        if (Grad.nonFiniteCheck() && out.dtype().isFloating()) checkFinite(op, t, inputs);
        if (bw != null && anyRequiresGrad(inputs)) {
            t.requiresGrad = true;
            t.node = new Node(op, inputs, bw);
        }
        return t;
    }

    private static void checkFinite(Op op, Tensor t, Tensor[] inputs) {
        HostStorage h = t.host();
        for (int i = 0; i < h.size(); i++) {
            double v = h.get(i);
            if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY) { // −∞ is the masking value of log-domain code
                StringBuilder sb = new StringBuilder("output shape ").append(Shape.str(t.shape)).append(" has ")
                        .append(v).append(" at flat index ").append(i).append("; input shapes");
                for (Tensor in : inputs) if (in != null) sb.append(' ').append(Shape.str(in.shape));
                throw new NonFiniteException(op.label(), sb.toString());
            }
        }
    }

    /** Backward from a scalar: the gradient of this tensor with respect to every leaf that requires grad. */
    public void backward() {
        if (numel() != 1) throw new IllegalStateException("backward() without a gradient needs a scalar, shape is " + Shape.str(shape));
        backward(Tensor.full(dtype(), 1, shape), false);
    }

    /** Backward with a given upstream gradient of this tensor's shape; the graph is released unless {@code retainGraph}. */
    public void backward(Tensor gradOutput, boolean retainGraph) {
        if (!Shape.same(gradOutput.shape, shape)) {
            throw new IllegalArgumentException("backward: gradient shape " + Shape.str(gradOutput.shape) + " != tensor shape " + Shape.str(shape));
        }
        if (!requiresGrad) throw new IllegalStateException("backward: tensor does not require grad (no input requires grad, or it was computed under Grad.off())");
        List<Tensor> order = topoOrder(this);
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(this, gradOutput);
        try (var g = Grad.off()) {
            for (int i = order.size() - 1; i >= 0; i--) {
                Tensor t = order.get(i);
                Tensor gt = grads.remove(t);
                if (gt == null) continue;
                if (t.node == null) {
                    if (t.requiresGrad) t.grad = t.grad == null ? gt : t.grad.add(gt);
                    continue;
                }
                if (t.node.inputs == null) {
                    throw new IllegalStateException("backward through a graph that was already released; pass retainGraph=true to the first backward");
                }
                Tensor[] gin = t.node.backward.apply(gt);
                Tensor[] in = t.node.inputs;
                for (int k = 0; k < in.length; k++) {
                    if (in[k] == null || !in[k].requiresGrad || gin[k] == null) continue;
                    Tensor prev = grads.get(in[k]);
                    grads.put(in[k], prev == null ? gin[k] : prev.add(gin[k]));
                }
                if (!retainGraph) {
                    t.node.inputs = null;
                    t.node.backward = null;
                }
            }
        }
    }

    private static List<Tensor> topoOrder(Tensor root) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[]{root, 0});
        seen.put(root, true);
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            Tensor t = (Tensor) top[0];
            int k = (Integer) top[1];
            Tensor[] in = t.node == null || t.node.inputs == null ? new Tensor[0] : t.node.inputs;
            if (k < in.length) {
                top[1] = k + 1;
                Tensor c = in[k];
                if (c != null && c.requiresGrad && !seen.containsKey(c)) {
                    seen.put(c, true);
                    stack.push(new Object[]{c, 0});
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }

    /** The same values, cut from the graph (no gradient flows through). */
    public Tensor detach() {
        return new Tensor(data, shape);
    }

    /** Alias of {@link #detach()}, the catalog's sg(.). */
    public Tensor stopGradient() {
        return detach();
    }

    // ------------------------------------------------------------------ elementwise unary

    private Tensor unary(Op op, UnaryOp k, double p1, double p2, Backward bw) {
        requireFloat(op.label());
        Backend b = be();
        return make(op, b.unary(k, on(b), p1, p2), shape, bw, this);
    }

    private void requireFloat(String op) {
        if (!dtype().isFloating()) throw new IllegalArgumentException(op + ": needs an F32/F64 tensor, got " + dtype());
    }

    public Tensor neg() {
        return unary(Op.NEG, UnaryOp.NEG, 0, 0, g -> new Tensor[]{g.neg()});
    }

    public Tensor exp() {
        Tensor[] out = new Tensor[1];
        out[0] = unary(Op.EXP, UnaryOp.EXP, 0, 0, g -> new Tensor[]{g.mul(out[0].detach())});
        return out[0];
    }

    public Tensor log() {
        return unary(Op.LOG, UnaryOp.LOG, 0, 0, g -> new Tensor[]{g.div(this)});
    }

    public Tensor log1p() {
        return unary(Op.LOG1P, UnaryOp.LOG1P, 0, 0, g -> new Tensor[]{g.div(this.add(1))});
    }

    public Tensor sqrt() {
        Tensor[] out = new Tensor[1];
        out[0] = unary(Op.SQRT, UnaryOp.SQRT, 0, 0, g -> new Tensor[]{g.div(out[0].detach().mul(2))});
        return out[0];
    }

    public Tensor abs() {
        return unary(Op.ABS, UnaryOp.ABS, 0, 0, g -> new Tensor[]{g.mul(this.sign())});
    }

    /** Elementwise sign (-1, 0, 1); no gradient. */
    public Tensor sign() {
        Backend b = be();
        return make(Op.SIGN, b.unary(UnaryOp.SIGN, on(b), 0, 0), shape, null, this);
    }

    public Tensor relu() {
        return unary(Op.RELU, UnaryOp.RELU, 0, 0, g -> new Tensor[]{g.mul(step())});
    }

    private Tensor step() {
        Backend b = be();
        return new Tensor(b.unary(UnaryOp.STEP, on(b), 0, 0), shape);
    }

    public Tensor leakyRelu(double slope) {
        return unary(Op.LEAKY_RELU, UnaryOp.LEAKY_RELU, slope, 0,
                g -> new Tensor[]{g.mul(step().affine(1 - slope, slope))});
    }

    public Tensor sigmoid() {
        Tensor[] out = new Tensor[1];
        out[0] = unary(Op.SIGMOID, UnaryOp.SIGMOID, 0, 0, g -> {
            Tensor s = out[0].detach();
            return new Tensor[]{g.mul(s.mul(s.affine(-1, 1)))};
        });
        return out[0];
    }

    public Tensor tanh() {
        Tensor[] out = new Tensor[1];
        out[0] = unary(Op.TANH, UnaryOp.TANH, 0, 0, g -> {
            Tensor t = out[0].detach();
            return new Tensor[]{g.mul(t.mul(t).affine(-1, 1))};
        });
        return out[0];
    }

    /** Exact GELU, 0.5·x·(1 + erf(x/√2)). */
    public Tensor gelu() {
        return unary(Op.GELU, UnaryOp.GELU, 0, 0, g -> {
            Backend b = be();
            return new Tensor[]{g.mul(new Tensor(b.unary(UnaryOp.GELU_GRAD, on(b), 0, 0), shape))};
        });
    }

    /** log(1 + e^x), computed stably. */
    public Tensor softplus() {
        return unary(Op.SOFTPLUS, UnaryOp.SOFTPLUS, 0, 0, g -> new Tensor[]{g.mul(this.sigmoid())});
    }

    /** x^p for a constant exponent. */
    public Tensor pow(double p) {
        return unary(Op.POW, UnaryOp.POW_SCALAR, p, 0, g -> new Tensor[]{g.mul(this.pow(p - 1).mul(p))});
    }

    public Tensor square() {
        return mul(this);
    }

    /** Clamps to [lo, hi]; the gradient is 1 inside the interval (bounds included) and 0 outside. */
    public Tensor clamp(double lo, double hi) {
        if (lo > hi) throw new IllegalArgumentException("clamp: lo " + lo + " > hi " + hi);
        return unary(Op.CLAMP, UnaryOp.CLAMP, lo, hi, g -> new Tensor[]{g.mul(this.ge(lo).mul(this.le(hi)))});
    }

    public Tensor clampMin(double lo) {
        return clamp(lo, Double.POSITIVE_INFINITY);
    }

    /** a·x + b with constants (one fused op). */
    public Tensor affine(double a, double b) {
        return unary(Op.AFFINE, UnaryOp.AFFINE, a, b, g -> new Tensor[]{g.affine(a, 0)});
    }

    public Tensor add(double c) {
        return affine(1, c);
    }

    public Tensor sub(double c) {
        return affine(1, -c);
    }

    public Tensor mul(double c) {
        return affine(c, 0);
    }

    public Tensor div(double c) {
        return affine(1 / c, 0);
    }

    /** Identity forward; multiplies the gradient by {@code s} on the way back (gradient scaling / reversal with s &lt; 0). */
    public Tensor scaleGrad(double s) {
        return make(Op.SCALE_GRAD, data, shape, g -> new Tensor[]{g.mul(s)}, this);
    }

    /** Straight-through estimator: the value of {@code hard}, the gradient of {@code soft}: soft + sg(hard − soft). */
    public static Tensor straightThrough(Tensor hard, Tensor soft) {
        return soft.add(hard.sub(soft).detach());
    }

    public Tensor to(DType dtype) {
        if (dtype == dtype()) return this;
        DType from = dtype();
        Backend b = be();
        return make(Op.CAST, b.cast(on(b), dtype), shape, dtype.isFloating() && from.isFloating() ? g -> new Tensor[]{g.to(from)} : null, this);
    }

    // ------------------------------------------------------------------ elementwise binary

    private Tensor binary(Op op, BinaryOp k, Tensor o, Backward bw) {
        if (dtype() != o.dtype()) {
            throw new IllegalArgumentException(op.label() + ": dtypes differ (" + dtype() + " and " + o.dtype() + "); convert with to()");
        }
        int[] out = Shape.broadcast(op.label(), shape, o.shape);
        Backend b = be();
        return make(op, b.binary(k, on(b), shape, o.on(b), o.shape, out), out, bw, this, o);
    }

    /** Sums a broadcast gradient back down to {@code target} shape. */
    static Tensor sumTo(Tensor g, int[] target) {
        if (Shape.same(g.shape, target)) return g;
        int lead = g.shape.length - target.length;
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < g.shape.length; i++) {
            if (i < lead || (target[i - lead] == 1 && g.shape[i] != 1)) axes.add(i);
        }
        Tensor s = g.sum(axes.stream().mapToInt(Integer::intValue).toArray(), true);
        return s.reshape(target);
    }

    public Tensor add(Tensor o) {
        return binary(Op.ADD, BinaryOp.ADD, o, g -> new Tensor[]{sumTo(g, shape), sumTo(g, o.shape)});
    }

    public Tensor sub(Tensor o) {
        return binary(Op.SUB, BinaryOp.SUB, o, g -> new Tensor[]{sumTo(g, shape), o.requiresGrad ? sumTo(g.neg(), o.shape) : null});
    }

    public Tensor mul(Tensor o) {
        return binary(Op.MUL, BinaryOp.MUL, o, g -> new Tensor[]{
                requiresGrad ? sumTo(g.mul(o), shape) : null,
                o.requiresGrad ? sumTo(g.mul(this), o.shape) : null});
    }

    public Tensor div(Tensor o) {
        return binary(Op.DIV, BinaryOp.DIV, o, g -> new Tensor[]{
                requiresGrad ? sumTo(g.div(o), shape) : null,
                o.requiresGrad ? sumTo(g.mul(this).div(o.mul(o)).neg(), o.shape) : null});
    }

    /** a^b elementwise; the gradient with respect to b needs a &gt; 0. */
    public Tensor pow(Tensor o) {
        Tensor[] out = new Tensor[1];
        out[0] = binary(Op.POW, BinaryOp.POW, o, g -> new Tensor[]{
                requiresGrad ? sumTo(g.mul(o).mul(this.pow(o.sub(1.0))), shape) : null,
                o.requiresGrad ? sumTo(g.mul(out[0].detach()).mul(this.log()), o.shape) : null});
        return out[0];
    }

    /** Elementwise minimum; at ties the gradient goes to {@code this}. */
    public Tensor minimum(Tensor o) {
        return binary(Op.MINIMUM, BinaryOp.MIN, o, g -> {
            Tensor m = this.le(o);
            return new Tensor[]{sumTo(g.mul(m), shape), sumTo(g.mul(m.affine(-1, 1)), o.shape)};
        });
    }

    /** Elementwise maximum; at ties the gradient goes to {@code this}. */
    public Tensor maximum(Tensor o) {
        return binary(Op.MAXIMUM, BinaryOp.MAX, o, g -> {
            Tensor m = this.ge(o);
            return new Tensor[]{sumTo(g.mul(m), shape), sumTo(g.mul(m.affine(-1, 1)), o.shape)};
        });
    }

    private Tensor compare(Op op, BinaryOp k, Tensor o) {
        return binary(op, k, o, null);
    }

    private Tensor constLike(double c) {
        return new Tensor(be().full(dtype(), 1, c), new int[0]);
    }

    /** 1 where this &gt; o else 0 (same dtype; no gradient). */
    public Tensor gt(Tensor o) {
        return compare(Op.GT, BinaryOp.GT, o);
    }

    public Tensor ge(Tensor o) {
        return compare(Op.GE, BinaryOp.GE, o);
    }

    public Tensor lt(Tensor o) {
        return compare(Op.LT, BinaryOp.LT, o);
    }

    public Tensor le(Tensor o) {
        return compare(Op.LE, BinaryOp.LE, o);
    }

    public Tensor eq(Tensor o) {
        return compare(Op.EQ, BinaryOp.EQ, o);
    }

    public Tensor gt(double c) {
        return gt(constLike(c));
    }

    public Tensor ge(double c) {
        return ge(constLike(c));
    }

    public Tensor lt(double c) {
        return lt(constLike(c));
    }

    public Tensor le(double c) {
        return le(constLike(c));
    }

    public Tensor eq(double c) {
        return eq(constLike(c));
    }

    /** {@code mask != 0 ? a : b}, all three broadcast together; gradients flow to the selected side only. */
    public static Tensor where(Tensor mask, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) throw new IllegalArgumentException("where: dtypes differ (" + a.dtype() + " and " + b.dtype() + ")");
        int[] out = Shape.broadcast("where", Shape.broadcast("where", mask.shape, a.shape), b.shape);
        Backend be = be();
        Tensor m = mask.broadcastTo(out).detach(), av = a.detach().broadcastTo(out), bv = b.detach().broadcastTo(out);
        Storage res = be.where(m.on(be), av.on(be), bv.on(be));
        return make(Op.WHERE, res, out, g -> {
            Tensor z = Tensor.zeros(g.dtype(), new int[0]);
            return new Tensor[]{null,
                    a.requiresGrad ? sumTo(where(m, g, z), a.shape) : null,
                    b.requiresGrad ? sumTo(where(m, z, g), b.shape) : null};
        }, mask, a, b);
    }

    // ------------------------------------------------------------------ reductions

    private int[] normAxes(String op, int[] axes) {
        if (axes == null || axes.length == 0) {
            int[] all = new int[shape.length];
            for (int i = 0; i < all.length; i++) all[i] = i;
            return all;
        }
        int[] a = new int[axes.length];
        for (int i = 0; i < axes.length; i++) a[i] = Shape.axis(op, axes[i], shape.length);
        Arrays.sort(a);
        for (int i = 1; i < a.length; i++) if (a[i] == a[i - 1]) throw new IllegalArgumentException(op + ": axis " + a[i] + " given twice");
        return a;
    }

    private int[] reducedShape(int[] axes, boolean keepdim) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < shape.length; i++) {
            boolean r = Arrays.binarySearch(axes, i) >= 0;
            if (!r) out.add(shape[i]);
            else if (keepdim) out.add(1);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Raw reduction (no graph): permutes reduced axes to a contiguous block when they are not one already. */
    private Storage reduceRaw(ReduceOp op, int[] axes) {
        Backend b = be();
        boolean contiguous = axes.length == 0 || axes[axes.length - 1] - axes[0] == axes.length - 1;
        Tensor src = this;
        int first = axes.length == 0 ? 0 : axes[0];
        if (!contiguous) {
            int[] perm = new int[shape.length];
            int p = 0;
            for (int i = 0; i < shape.length; i++) if (Arrays.binarySearch(axes, i) < 0) perm[p++] = i;
            for (int a : axes) perm[p++] = a;
            src = detach().permute(perm);
            first = shape.length - axes.length;
        }
        int[] s = src.shape;
        int outer = 1, r = 1, inner = 1;
        for (int i = 0; i < s.length; i++) {
            if (i < first) outer *= s[i];
            else if (i < first + axes.length) r *= s[i];
            else inner *= s[i];
        }
        return b.reduce(op, src.on(b), outer, r, inner);
    }

    public Tensor sum() {
        return sum(new int[0], false);
    }

    public Tensor sum(int axis) {
        return sum(new int[]{axis}, false);
    }

    /** Sum over {@code axes} (all when empty). */
    public Tensor sum(int[] axes, boolean keepdim) {
        requireFloat("sum");
        int[] ax = normAxes("sum", axes);
        int[] keep = reducedShape(ax, true);
        int[] out = reducedShape(ax, keepdim);
        return make(Op.SUM, reduceRaw(ReduceOp.SUM, ax), out, g -> new Tensor[]{g.reshape(keep).broadcastTo(shape)}, this);
    }

    public Tensor mean() {
        return mean(new int[0], false);
    }

    public Tensor mean(int axis) {
        return mean(new int[]{axis}, false);
    }

    public Tensor mean(int[] axes, boolean keepdim) {
        int[] ax = normAxes("mean", axes);
        int n = 1;
        for (int a : ax) n *= shape[a];
        if (n == 0) throw new IllegalArgumentException("mean: reducing an empty dimension of shape " + Shape.str(shape));
        return sum(ax, keepdim).div(n);
    }

    public Tensor max(int[] axes, boolean keepdim) {
        return extremum(Op.MAX, ReduceOp.MAX, axes, keepdim);
    }

    public Tensor min(int[] axes, boolean keepdim) {
        return extremum(Op.MIN, ReduceOp.MIN, axes, keepdim);
    }

    public Tensor max(int axis) {
        return max(new int[]{axis}, false);
    }

    public Tensor min(int axis) {
        return min(new int[]{axis}, false);
    }

    public Tensor max() {
        return max(new int[0], false);
    }

    public Tensor min() {
        return min(new int[0], false);
    }

    /** max/min; the gradient is shared equally among tied extrema (as PyTorch's amax/amin). */
    private Tensor extremum(Op op, ReduceOp k, int[] axes, boolean keepdim) {
        requireFloat(op.label());
        int[] ax = normAxes(op.label(), axes);
        if (numel() == 0) throw new IllegalArgumentException(op + ": empty tensor of shape " + Shape.str(shape));
        int[] keep = reducedShape(ax, true);
        int[] out = reducedShape(ax, keepdim);
        Tensor[] res = new Tensor[1];
        res[0] = make(op, reduceRaw(k, ax), out, g -> {
            Tensor m = this.detach().eq(res[0].detach().reshape(keep));
            Tensor count = m.sum(ax, true);
            return new Tensor[]{g.reshape(keep).mul(m).div(count)};
        }, this);
        return res[0];
    }

    /** log Σ exp over {@code axes}, max-shifted; rows that are all −∞ give −∞. */
    public Tensor logsumexp(int[] axes, boolean keepdim) {
        int[] ax = normAxes("logsumexp", axes);
        Tensor m = detach().max(ax, true);
        Tensor finite = m.abs().lt(Double.POSITIVE_INFINITY);
        m = where(finite, m, Tensor.zeros(dtype(), new int[0]));
        Tensor s = this.sub(m).exp().sum(ax, true).log().add(m);
        return keepdim ? s : s.reshape(reducedShape(ax, false));
    }

    public Tensor logsumexp(int axis) {
        return logsumexp(new int[]{axis}, false);
    }

    /** Variance with {@code correction} (1 = unbiased, as torch.var's default; 0 = population). */
    public Tensor var(int[] axes, boolean keepdim, int correction) {
        int[] ax = normAxes("var", axes);
        int n = 1;
        for (int a : ax) n *= shape[a];
        if (n - correction <= 0) throw new IllegalArgumentException("var: " + n + " elements with correction " + correction);
        Tensor c = this.sub(this.mean(ax, true));
        return c.mul(c).sum(ax, keepdim).div(n - correction);
    }

    public Tensor softmax(int axis) {
        return this.sub(logsumexp(new int[]{axis}, true)).exp();
    }

    public Tensor logSoftmax(int axis) {
        return this.sub(logsumexp(new int[]{axis}, true));
    }

    /** L2 norm over {@code axis}. */
    public Tensor norm(int axis, boolean keepdim) {
        return mul(this).sum(new int[]{axis}, keepdim).sqrt();
    }

    /** x / max(‖x‖, eps) along {@code axis} (PyTorch F.normalize, eps 1e-12). */
    public Tensor normalize(int axis) {
        Tensor n = norm(axis, true).clampMin(1e-12);
        return div(n);
    }

    // ------------------------------------------------------------------ matmul

    public Tensor matmul(Tensor o) {
        return matmul(o, false, false);
    }

    /**
     * Matrix product of 2-D or batched 3-D operands, with optional transposes read without copying:
     * {@code op(this) · op(o)}. A 2-D operand is shared across the other's batch.
     */
    public Tensor matmul(Tensor o, boolean transA, boolean transB) {
        Op op = Op.MATMUL;
        if (dtype() != o.dtype()) throw new IllegalArgumentException(op + ": dtypes differ (" + dtype() + " and " + o.dtype() + ")");
        if (rank() < 2 || rank() > 3 || o.rank() < 2 || o.rank() > 3) {
            throw new IllegalArgumentException(op + ": needs 2-D or 3-D operands, got " + Shape.str(shape) + " and " + Shape.str(o.shape));
        }
        boolean aB = rank() == 3, bB = o.rank() == 3;
        int ba = aB ? shape[0] : 1, bb = bB ? o.shape[0] : 1;
        if (aB && bB && ba != bb) throw new IllegalArgumentException(op + ": batch sizes differ in " + Shape.str(shape) + " and " + Shape.str(o.shape));
        int batch = Math.max(ba, bb);
        int r0 = shape[rank() - 2], r1 = shape[rank() - 1];
        int m = transA ? r1 : r0, k = transA ? r0 : r1;
        int o0 = o.shape[o.rank() - 2], o1 = o.shape[o.rank() - 1];
        int k2 = transB ? o1 : o0, n = transB ? o0 : o1;
        if (k != k2) {
            throw new IllegalArgumentException(op + ": inner dimensions differ: " + Shape.str(shape) + (transA ? "ᵀ" : "") + " · "
                    + Shape.str(o.shape) + (transB ? "ᵀ" : "") + " (" + k + " vs " + k2 + ")");
        }
        Backend b = be();
        Storage c = b.matmul(on(b), o.on(b), batch, m, k, n, transA, transB, aB, bB);
        int[] out = aB || bB ? new int[]{batch, m, n} : new int[]{m, n};
        Tensor A = this, B = o;
        return make(Op.MATMUL, c, out, g -> {
            Tensor ga = null, gb = null;
            if (A.requiresGrad) {
                // dA = g · op(B)ᵀ  (stored layout follows transA)
                Tensor full = transA ? B.matmul(g, transB, true) : g.matmul(B, false, !transB);
                ga = aB ? full : (full.rank() == 3 ? full.sum(0) : full);
            }
            if (B.requiresGrad) {
                Tensor full = transB ? g.matmul(A, true, transA) : A.matmul(g, !transA, false);
                gb = bB ? full : (full.rank() == 3 ? full.sum(0) : full);
            }
            return new Tensor[]{ga, gb};
        }, this, o);
    }

    // ------------------------------------------------------------------ shape ops

    public Tensor reshape(int... newShape) {
        int[] s = newShape.clone();
        int infer = -1, known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("reshape: more than one -1 in " + Shape.str(newShape));
                infer = i;
            } else known *= s[i];
        }
        if (infer >= 0) {
            if (known == 0 || numel() % known != 0) throw new IllegalArgumentException("reshape: cannot infer -1 in " + Shape.str(newShape) + " from " + Shape.str(shape));
            s[infer] = numel() / known;
        }
        if (Shape.numel(s) != numel()) throw new IllegalArgumentException("reshape: " + Shape.str(shape) + " (" + numel() + " elements) cannot become " + Shape.str(newShape));
        if (Shape.same(s, shape)) return this;
        int[] old = shape;
        return make(Op.RESHAPE, data, s, g -> new Tensor[]{g.reshape(old)}, this);
    }

    public Tensor flatten() {
        return reshape(-1);
    }

    /** Inserts a dimension of size 1 at {@code axis}. */
    public Tensor unsqueeze(int axis) {
        int a = axis < 0 ? axis + shape.length + 1 : axis;
        if (a < 0 || a > shape.length) throw new IllegalArgumentException("unsqueeze: axis " + axis + " out of range for rank " + shape.length);
        int[] s = new int[shape.length + 1];
        for (int i = 0, j = 0; i < s.length; i++) s[i] = i == a ? 1 : shape[j++];
        return reshape(s);
    }

    /** Removes a dimension of size 1. */
    public Tensor squeeze(int axis) {
        int a = Shape.axis("squeeze", axis, shape.length);
        if (shape[a] != 1) throw new IllegalArgumentException("squeeze: dimension " + axis + " of " + Shape.str(shape) + " is not 1");
        int[] s = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) if (i != a) s[j++] = shape[i];
        return reshape(s);
    }

    public Tensor permute(int... perm) {
        if (perm.length != shape.length) throw new IllegalArgumentException("permute: " + perm.length + " axes for rank " + shape.length);
        boolean[] seen = new boolean[perm.length];
        int[] p = new int[perm.length];
        boolean identity = true;
        for (int i = 0; i < perm.length; i++) {
            p[i] = Shape.axis("permute", perm[i], shape.length);
            if (seen[p[i]]) throw new IllegalArgumentException("permute: axis " + perm[i] + " repeated in " + Arrays.toString(perm));
            seen[p[i]] = true;
            identity &= p[i] == i;
        }
        if (identity) return this;
        int[] st = Shape.strides(shape);
        int[] outShape = new int[p.length], outStrides = new int[p.length], inv = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            outShape[i] = shape[p[i]];
            outStrides[i] = st[p[i]];
            inv[p[i]] = i;
        }
        Backend b = be();
        return make(Op.PERMUTE, b.stridedCopy(on(b), 0, outShape, outStrides), outShape, g -> new Tensor[]{g.permute(inv)}, this);
    }

    public Tensor transpose(int a, int b) {
        int[] p = new int[shape.length];
        for (int i = 0; i < p.length; i++) p[i] = i;
        int x = Shape.axis("transpose", a, shape.length), y = Shape.axis("transpose", b, shape.length);
        p[x] = y;
        p[y] = x;
        return permute(p);
    }

    /** Transpose of a 2-D tensor (the last two axes otherwise). */
    public Tensor t() {
        if (rank() < 2) throw new IllegalArgumentException("t(): needs rank >= 2, shape is " + Shape.str(shape));
        return transpose(-2, -1);
    }

    public Tensor broadcastTo(int... target) {
        int[] out = Shape.broadcast("broadcastTo", shape, target);
        if (!Shape.same(out, target)) throw new IllegalArgumentException("broadcastTo: " + Shape.str(shape) + " cannot be broadcast to " + Shape.str(target));
        if (Shape.same(shape, target)) return this;
        Backend b = be();
        int[] st = Shape.broadcastStrides(shape, target);
        return make(Op.BROADCAST_TO, b.stridedCopy(on(b), 0, target, st), target, g -> new Tensor[]{sumTo(g, shape)}, this);
    }

    /** Elements {@code [start, end)} along {@code axis}. */
    public Tensor slice(int axis, int start, int end) {
        int a = Shape.axis("slice", axis, shape.length);
        if (start < 0 || end > shape[a] || start > end) {
            throw new IllegalArgumentException("slice: [" + start + ", " + end + ") out of range for axis " + axis + " of " + Shape.str(shape));
        }
        if (start == 0 && end == shape[a]) return this;
        int[] st = Shape.strides(shape);
        int[] out = shape.clone();
        out[a] = end - start;
        int offset = start * st[a];
        Backend b = be();
        int[] full = shape;
        DType dt = dtype();
        return make(Op.SLICE, b.stridedCopy(on(b), offset, out, st), out, g -> {
            Backend bb = be();
            Storage z = bb.zeros(dt, Shape.numel(full));
            bb.stridedAddInto(z, offset, out, st, g.on(bb));
            return new Tensor[]{new Tensor(z, full).withGradFrom(Op.SLICE_BACKWARD, g, gg -> gg.slice(a, start, end))};
        }, this);
    }

    /** Same as {@link #slice(int, int, int)} with a length, as torch.narrow. */
    public Tensor narrow(int axis, int start, int length) {
        return slice(axis, start, start + length);
    }

    /** Records a linear op on an already computed result (so second-order gradients of padding ops exist). */
    private Tensor withGradFrom(Op op, Tensor src, java.util.function.Function<Tensor, Tensor> adjoint) {
        if (!src.requiresGrad || !Grad.isEnabled()) return this;
        return make(op, data, shape, g -> new Tensor[]{adjoint.apply(g)}, src);
    }

    /** Concatenates along {@code axis}; all other dimensions must agree. */
    public static Tensor concat(List<Tensor> parts, int axis) {
        if (parts.isEmpty()) throw new IllegalArgumentException("concat: no tensors");
        Tensor f = parts.get(0);
        int a = Shape.axis("concat", axis, f.rank());
        int total = 0;
        for (Tensor t : parts) {
            if (t.rank() != f.rank() || t.dtype() != f.dtype()) throw new IllegalArgumentException("concat: " + Shape.str(t.shape) + " " + t.dtype() + " does not match " + Shape.str(f.shape) + " " + f.dtype());
            for (int i = 0; i < f.rank(); i++) {
                if (i != a && t.shape[i] != f.shape[i]) throw new IllegalArgumentException("concat along " + axis + ": shapes " + Shape.str(f.shape) + " and " + Shape.str(t.shape) + " differ in axis " + i);
            }
            total += t.shape[a];
        }
        int[] out = f.shape.clone();
        out[a] = total;
        int[] st = Shape.strides(out);
        Backend b = be();
        Storage z = b.zeros(f.dtype(), Shape.numel(out));
        int off = 0;
        int[] starts = new int[parts.size()];
        for (int p = 0; p < parts.size(); p++) {
            Tensor t = parts.get(p);
            starts[p] = off;
            b.stridedAddInto(z, off * st[a], t.shape, st, t.on(b));
            off += t.shape[a];
        }
        Tensor[] in = parts.toArray(new Tensor[0]);
        return make(Op.CONCAT, z, out, g -> {
            Tensor[] gs = new Tensor[in.length];
            for (int p = 0; p < in.length; p++) gs[p] = in[p].requiresGrad ? g.slice(a, starts[p], starts[p] + in[p].shape[a]) : null;
            return gs;
        }, in);
    }

    /** Stacks equal-shaped tensors along a new axis. */
    public static Tensor stack(List<Tensor> parts, int axis) {
        List<Tensor> u = new ArrayList<>(parts.size());
        for (Tensor t : parts) u.add(t.unsqueeze(axis));
        return concat(u, axis);
    }

    private int[] splitAt(int a) {
        int outer = 1, inner = 1;
        for (int i = 0; i < a; i++) outer *= shape[i];
        for (int i = a + 1; i < shape.length; i++) inner *= shape[i];
        return new int[]{outer, inner};
    }

    /** Rows {@code index} (an I32 vector) along {@code axis}, as torch.index_select. */
    public Tensor indexSelect(int axis, Tensor index) {
        int a = Shape.axis("indexSelect", axis, shape.length);
        if (index.dtype() != DType.I32 || index.rank() != 1) throw new IllegalArgumentException("indexSelect: index must be a 1-D I32 tensor, got " + index.dtype() + " " + Shape.str(index.shape));
        int[] oi = splitAt(a);
        int k = index.numel();
        int[] out = shape.clone();
        out[a] = k;
        Backend b = be();
        Storage idx = index.on(b);
        int dim = shape[a];
        checkIndices("indexSelect", index, dim);
        return make(Op.INDEX_SELECT, b.indexSelect(on(b), oi[0], dim, oi[1], idx), out, g -> {
            Backend bb = be();
            return new Tensor[]{new Tensor(bb.scatterAdd(g.on(bb), oi[0], dim, oi[1], idx, k, false), shape)
                    .withGradFrom(Op.INDEX_SELECT_BACKWARD, g, gg -> gg.indexSelect(a, index))};
        }, this);
    }

    public Tensor indexSelect(int axis, int... index) {
        return indexSelect(axis, Tensor.ofInts(index, index.length));
    }

    private static void checkIndices(String op, Tensor index, int dim) {
        int[] v = index.host().i;
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0 || v[i] >= dim) throw new IndexOutOfBoundsException(op + ": index " + v[i] + " at position " + i + " out of range [0, " + dim + ")");
        }
    }

    /** torch.gather: {@code out[..., j, ...] = this[..., index[..., j, ...], ...]} along {@code axis}; index is I32 with this shape except on {@code axis}. */
    public Tensor gather(int axis, Tensor index) {
        int a = Shape.axis("gather", axis, shape.length);
        if (index.dtype() != DType.I32 || index.rank() != rank()) throw new IllegalArgumentException("gather: index must be an I32 tensor of rank " + rank() + ", got " + index.dtype() + " " + Shape.str(index.shape));
        for (int i = 0; i < rank(); i++) {
            if (i != a && index.shape[i] != shape[i]) throw new IllegalArgumentException("gather: index shape " + Shape.str(index.shape) + " must match " + Shape.str(shape) + " except on axis " + axis);
        }
        int[] oi = splitAt(a);
        int dim = shape[a], k = index.shape[a];
        checkIndices("gather", index, dim);
        Backend b = be();
        Storage idx = index.on(b);
        return make(Op.GATHER, b.gather(on(b), oi[0], dim, oi[1], idx, k), index.shape, g -> {
            Backend bb = be();
            return new Tensor[]{new Tensor(bb.scatterAdd(g.on(bb), oi[0], dim, oi[1], idx, k, true), shape)
                    .withGradFrom(Op.GATHER_BACKWARD, g, gg -> gg.gather(a, index))};
        }, this);
    }

    /** {@code this} plus {@code src} scattered along {@code axis} at {@code index} (torch.scatter_add, out of place). */
    public Tensor scatterAdd(int axis, Tensor index, Tensor src) {
        int a = Shape.axis("scatterAdd", axis, shape.length);
        if (!Shape.same(index.shape, src.shape)) throw new IllegalArgumentException("scatterAdd: index shape " + Shape.str(index.shape) + " != src shape " + Shape.str(src.shape));
        for (int i = 0; i < rank(); i++) {
            if (i != a && src.shape[i] != shape[i]) throw new IllegalArgumentException("scatterAdd: src shape " + Shape.str(src.shape) + " must match " + Shape.str(shape) + " except on axis " + axis);
        }
        int[] oi = splitAt(a);
        int dim = shape[a], k = index.shape[a];
        checkIndices("scatterAdd", index, dim);
        Backend b = be();
        Storage idx = index.on(b);
        Tensor scattered = new Tensor(b.scatterAdd(src.on(b), oi[0], dim, oi[1], idx, k, true), shape);
        return make(Op.SCATTER_ADD, b.binary(BinaryOp.ADD, on(b), shape, scattered.data, shape, shape), shape,
                g -> new Tensor[]{g, null, src.requiresGrad ? g.gather(a, index) : null}, this, index, src);
    }

    /** Indices (I32) of the k largest (or smallest) entries of each row of the last axis; ties to the lower index. No gradient: take values with {@link #gather}. */
    public Tensor topk(int k, boolean largest) {
        int cols = shape[shape.length - 1];
        if (k < 0 || k > cols) throw new IllegalArgumentException("topk: k=" + k + " but the last axis has " + cols + " entries");
        int rows = numel() / Math.max(cols, 1);
        Backend b = be();
        int[] out = shape.clone();
        out[out.length - 1] = k;
        return new Tensor(b.topk(on(b), rows, cols, k, largest), out);
    }

    // ------------------------------------------------------------------ printing

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor(shape=").append(Shape.str(shape)).append(", ").append(dtype());
        if (requiresGrad) sb.append(node == null ? ", requiresGrad" : ", op=" + node.op);
        if (label != null) sb.append(", label=").append(label);
        sb.append(")\n");
        HostStorage h = host();
        format(sb, h, 0, 0, Shape.strides(shape), 0);
        return sb.toString();
    }

    private void format(StringBuilder sb, HostStorage h, int axis, int off, int[] st, int indent) {
        if (shape.length == 0) {
            sb.append(fmt(h.get(0)));
            return;
        }
        int n = shape[axis];
        sb.append('[');
        int shown = n > 8 ? 3 : n;
        for (int i = 0; i < n; i++) {
            if (n > 8 && i == shown) {
                sb.append(axis == shape.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + 1));
                i = n - 3;
            }
            if (axis == shape.length - 1) sb.append(fmt(h.get(off + i * st[axis])));
            else format(sb, h, axis + 1, off + i * st[axis], st, indent + 1);
            if (i < n - 1) sb.append(axis == shape.length - 1 ? ", " : ",\n" + " ".repeat(indent + 1));
        }
        sb.append(']');
    }

    private String fmt(double v) {
        if (dtype() == DType.I32) return Long.toString((long) v);
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
