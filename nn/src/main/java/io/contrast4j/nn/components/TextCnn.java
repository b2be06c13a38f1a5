package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * 1-D CNN text encoder over token embeddings (catalog E10, T2; sentence-transformers' legacy {@code models.CNN}:
 * one {@code nn.Conv1d(in, outChannels, k, padding=(k−1)/2)} per kernel size, outputs concatenated on the channel
 * axis, no activation; Kim 2014). y_t = concat_k (b_k + Σ_{j=0}^{k−1} W_k[:, :, j]·x_{t+j−(k−1)/2}) with zero
 * padding outside [0, T). Padded tokens are zeroed before the convolution (ST convolves the pad embeddings), so
 * padding does not leak into real positions. Output {@code [B, T, outChannels·|kernels|]}, pooled with E01.
 * Defaults (ST): outChannels 256, kernel sizes 1, 3, 5, stride 1 (odd kernel sizes only, so T is kept).
 * Weights {@code weight<k> [out, in·k]} laid out as (tap j, input channel) and U(±1/√(in·k)) as PyTorch.
 * The registry row is {@link Lstm#INFO}.
 */
public final class TextCnn extends Module {
    private final int in, out;
    private final int[] kernels;
    private final List<Tensor> weights = new ArrayList<>(), biases = new ArrayList<>();

    public TextCnn(int in, int outChannels, int[] kernelSizes, DType dtype, Rng rng) {
        if (in <= 0 || outChannels <= 0) throw new IllegalArgumentException("TextCnn: in and outChannels must be > 0, got " + in + ", " + outChannels);
        if (kernelSizes.length == 0) throw new IllegalArgumentException("TextCnn: no kernel sizes");
        this.in = in;
        this.out = outChannels;
        this.kernels = kernelSizes.clone();
        for (int k : kernels) {
            if (k <= 0 || k % 2 == 0) throw new IllegalArgumentException("TextCnn: kernel sizes must be odd and > 0, got " + Arrays.toString(kernelSizes));
            double bound = 1 / Math.sqrt(in * (double) k);
            weights.add(param("weight" + k, Tensor.rand(dtype, rng, -bound, bound, outChannels, k * in)));
            biases.add(param("bias" + k, Tensor.rand(dtype, rng, -bound, bound, outChannels)));
        }
    }

    public int outputDim() {
        return out * kernels.length;
    }

    /** Weight of the i-th kernel size, {@code [out, k·in]} with column j·in + c = tap j, channel c. */
    public Tensor weight(int i) {
        return weights.get(i);
    }

    public Tensor bias(int i) {
        return biases.get(i);
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, Tensor.ones(x.dtype(), x.dim(0), x.dim(1)));
    }

    /** {@code x [B, T, in]}, {@code mask [B, T]} → {@code [B, T, outputDim]}. */
    public Tensor forward(Tensor x, Tensor mask) {
        int[] s = x.shape();
        if (s.length != 3 || s[2] != in) throw new IllegalArgumentException("TextCnn: x must be [B, T, " + in + "], got " + Arrays.toString(s));
        int b = s[0], t = s[1];
        if (!Arrays.equals(mask.shape(), new int[]{b, t})) throw new IllegalArgumentException("TextCnn: mask must be [" + b + ", " + t + "], got " + Arrays.toString(mask.shape()));
        Tensor xm = x.mul(mask.detach().to(x.dtype()).reshape(b, t, 1));
        List<Tensor> outs = new ArrayList<>();
        for (int i = 0; i < kernels.length; i++) {
            int k = kernels[i], p = (k - 1) / 2;
            Tensor padded = p == 0 ? xm : Tensor.concat(List.of(Tensor.zeros(x.dtype(), b, p, in), xm, Tensor.zeros(x.dtype(), b, p, in)), 1);
            List<Tensor> taps = new ArrayList<>(k);
            for (int j = 0; j < k; j++) taps.add(padded.slice(1, j, j + t));
            Tensor windows = k == 1 ? xm : Tensor.concat(taps, 2); // [B, T, k·in]
            outs.add(windows.reshape(b * t, k * in).matmul(weights.get(i), false, true).add(biases.get(i)).reshape(b, t, out));
        }
        return outs.size() == 1 ? outs.get(0) : Tensor.concat(outs, 2);
    }

    @Override
    protected String describe() {
        return "TextCnn(" + in + " -> " + out + " x " + Arrays.toString(kernels) + ")";
    }
}
