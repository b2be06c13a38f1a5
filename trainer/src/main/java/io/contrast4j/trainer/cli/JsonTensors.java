package io.contrast4j.trainer.cli;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.io.Json;

import java.util.ArrayList;
import java.util.List;

/** Nested JSON arrays to tensors and back, with errors naming the input and the offending position. */
public final class JsonTensors {
    private JsonTensors() {
    }

    public static Tensor read(String name, Json value, DType dtype) {
        List<Integer> shape = new ArrayList<>();
        Json cur = value;
        while (cur instanceof Json.Arr a) {
            shape.add(a.elements().size());
            if (a.elements().isEmpty()) break;
            cur = a.elements().get(0);
        }
        int[] s = shape.stream().mapToInt(Integer::intValue).toArray();
        int n = 1;
        for (int d : s) n *= d;
        double[] flat = new double[n];
        int[] pos = {0};
        fill(name, value, s, 0, flat, pos, "");
        if (dtype == DType.I32) {
            int[] ints = new int[n];
            for (int i = 0; i < n; i++) {
                if (flat[i] != Math.rint(flat[i])) throw new IllegalArgumentException("input '" + name + "' must hold integers, found " + flat[i]);
                ints[i] = (int) flat[i];
            }
            return Tensor.ofInts(ints, s);
        }
        return Tensor.of(flat, s);
    }

    private static void fill(String name, Json v, int[] shape, int depth, double[] out, int[] pos, String path) {
        if (depth == shape.length) {
            if (v instanceof Json.Num num) {
                out[pos[0]++] = num.doubleValue();
                return;
            }
            throw new IllegalArgumentException("input '" + name + "'" + path + ": expected a number, got " + v.toJson());
        }
        if (!(v instanceof Json.Arr a) || a.elements().size() != shape[depth]) {
            throw new IllegalArgumentException("input '" + name + "'" + path + ": ragged array (expected " + shape[depth] + " elements at depth " + depth + ")");
        }
        for (int i = 0; i < a.elements().size(); i++) fill(name, a.elements().get(i), shape, depth + 1, out, pos, path + "[" + i + "]");
    }

    /** Nested arrays in the tensor's shape. */
    public static String write(Tensor t) {
        StringBuilder sb = new StringBuilder();
        double[] v = t.toDoubleArray();
        int[] shape = t.shape();
        write(sb, v, shape, 0, new int[]{0});
        return sb.toString();
    }

    private static void write(StringBuilder sb, double[] v, int[] shape, int depth, int[] pos) {
        if (depth == shape.length) {
            double x = v[pos[0]++];
            sb.append(Double.isFinite(x) ? Double.toString(x) : "null");
            return;
        }
        sb.append('[');
        for (int i = 0; i < shape[depth]; i++) {
            if (i > 0) sb.append(", ");
            write(sb, v, shape, depth + 1, pos);
        }
        sb.append(']');
    }
}
