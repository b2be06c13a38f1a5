package io.contrast4j.autograd.backend;

import io.contrast4j.autograd.DType;

/** Host memory: exactly one of {@code f}, {@code d}, {@code i} is non-null, matching {@code dtype}. */
public final class HostStorage implements Storage {
    public final DType dtype;
    public final float[] f;
    public final double[] d;
    public final int[] i;

    private HostStorage(DType dtype, float[] f, double[] d, int[] i) {
        this.dtype = dtype;
        this.f = f;
        this.d = d;
        this.i = i;
    }

    public static HostStorage of(float[] f) {
        return new HostStorage(DType.F32, f, null, null);
    }

    public static HostStorage of(double[] d) {
        return new HostStorage(DType.F64, null, d, null);
    }

    public static HostStorage of(int[] i) {
        return new HostStorage(DType.I32, null, null, i);
    }

    public static HostStorage zeros(DType dtype, int n) {
        return switch (dtype) {
            case F32 -> of(new float[n]);
            case F64 -> of(new double[n]);
            case I32 -> of(new int[n]);
        };
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int size() {
        return switch (dtype) {
            case F32 -> f.length;
            case F64 -> d.length;
            case I32 -> i.length;
        };
    }

    @Override
    public boolean isHost() {
        return true;
    }

    public double get(int k) {
        return switch (dtype) {
            case F32 -> f[k];
            case F64 -> d[k];
            case I32 -> i[k];
        };
    }

    public void set(int k, double v) {
        switch (dtype) {
            case F32 -> f[k] = (float) v;
            case F64 -> d[k] = v;
            case I32 -> i[k] = (int) v;
        }
    }

    public HostStorage copy() {
        return switch (dtype) {
            case F32 -> of(f.clone());
            case F64 -> of(d.clone());
            case I32 -> of(i.clone());
        };
    }
}
