package io.contrast4j.nn.io;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A named, shaped, row-major array for checkpoint I/O, independent of the autograd {@code Tensor} class.
 *
 * <p>{@code dtype} is one of {@code "F32"}, {@code "F64"}, {@code "I32"}, {@code "I64"} (the safetensors
 * names) and exactly the matching array is non-null: {@code f32}, {@code f64}, {@code i32} or {@code i64}.
 * {@code shape} entries are ≥ 0; the empty shape is a scalar (one element). The array length must equal the
 * product of the shape; all of this is checked by {@link #validate()}, which {@link SafeTensors#write} calls
 * for every tensor before it creates any file. Construction checks only what is needed to make the record
 * usable (non-null name/dtype/shape, exactly one array); use the factories for a fully checked instance.
 *
 * <p>Arrays are not copied; treat them as read-only.
 */
public record NamedArray(String name, String dtype, int[] shape, float[] f32, double[] f64, int[] i32,
                         long[] i64) {

    /** The supported dtypes, in the order of their safetensors names. */
    public static final List<String> DTYPES = List.of("F32", "F64", "I32", "I64");

    public NamedArray {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        int present = (f32 != null ? 1 : 0) + (f64 != null ? 1 : 0) + (i32 != null ? 1 : 0) + (i64 != null ? 1 : 0);
        if (present != 1) {
            throw new IllegalArgumentException("tensor '" + name + "': exactly one data array must be non-null, got "
                    + present);
        }
    }

    /** Without the {@code i64} array: the brief's six-component form. */
    public NamedArray(String name, String dtype, int[] shape, float[] f32, double[] f64, int[] i32) {
        this(name, dtype, shape, f32, f64, i32, null);
    }

    public static NamedArray f32(String name, int[] shape, float[] data) {
        return new NamedArray(name, "F32", shape, Objects.requireNonNull(data, "data"), null, null, null).validate();
    }

    public static NamedArray f64(String name, int[] shape, double[] data) {
        return new NamedArray(name, "F64", shape, null, Objects.requireNonNull(data, "data"), null, null).validate();
    }

    public static NamedArray i32(String name, int[] shape, int[] data) {
        return new NamedArray(name, "I32", shape, null, null, Objects.requireNonNull(data, "data"), null).validate();
    }

    public static NamedArray i64(String name, int[] shape, long[] data) {
        return new NamedArray(name, "I64", shape, null, null, null, Objects.requireNonNull(data, "data")).validate();
    }

    /**
     * Checks the name (non-empty, not {@code "__metadata__"}), the dtype (supported, matching the non-null
     * array), the shape (entries ≥ 0) and that the array length equals the shape's element count.
     *
     * @return this
     * @throws IllegalArgumentException naming the tensor and the mismatch
     */
    public NamedArray validate() {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("tensor name must not be empty");
        }
        if (name.equals(SafeTensors.METADATA_KEY)) {
            throw new IllegalArgumentException("tensor name '" + name + "' is reserved for metadata");
        }
        String actual = f32 != null ? "F32" : f64 != null ? "F64" : i32 != null ? "I32" : "I64";
        if (!DTYPES.contains(dtype)) {
            throw new IllegalArgumentException("tensor '" + name + "': unknown dtype '" + dtype
                    + "' (supported: " + String.join(", ", DTYPES) + ")");
        }
        if (!dtype.equals(actual)) {
            throw new IllegalArgumentException("tensor '" + name + "': dtype " + dtype + " but the " + actual
                    + " array is the one set");
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape)
                        + " has a negative dimension at axis " + i);
            }
        }
        long count = elementCount(shape);
        if (count != length()) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape) + " has "
                    + count + " elements but the " + dtype + " array has " + length());
        }
        return this;
    }

    /** Length of the data array. */
    public int length() {
        return f32 != null ? f32.length : f64 != null ? f64.length : i32 != null ? i32.length : i64.length;
    }

    /** Bytes per element of {@code dtype} (4 or 8), or -1 when unknown. */
    public static int elementSize(String dtype) {
        return switch (dtype) {
            case "F32", "I32" -> 4;
            case "F64", "I64" -> 8;
            default -> -1;
        };
    }

    /** Product of the shape, saturating at {@link Long#MAX_VALUE}. */
    public static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d != 0 && n > Long.MAX_VALUE / d) {
                return Long.MAX_VALUE;
            }
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedArray a && name.equals(a.name) && dtype.equals(a.dtype)
                && Arrays.equals(shape, a.shape) && Arrays.equals(f32, a.f32) && Arrays.equals(f64, a.f64)
                && Arrays.equals(i32, a.i32) && Arrays.equals(i64, a.i64);
    }

    @Override
    public int hashCode() {
        int h = name.hashCode() * 31 + dtype.hashCode();
        h = h * 31 + Arrays.hashCode(shape);
        h = h * 31 + Arrays.hashCode(f32);
        h = h * 31 + Arrays.hashCode(f64);
        h = h * 31 + Arrays.hashCode(i32);
        return h * 31 + Arrays.hashCode(i64);
    }

    @Override
    public String toString() {
        return "NamedArray[" + name + ", " + dtype + ", shape=" + Arrays.toString(shape) + "]";
    }
}
