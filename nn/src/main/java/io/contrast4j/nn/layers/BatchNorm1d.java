package io.contrast4j.nn.layers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Grad;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.nn.Module;

import java.util.Arrays;

/**
 * Batch normalisation (Ioffe &amp; Szegedy 2015) of {@code [N, C]} inputs, as PyTorch's BatchNorm1d: in training
 * y = (x − μ_B)/√(σ²_B + ε)·γ + β with the biased batch variance, and the running statistics are updated with
 * momentum m = 0.1: r ← (1 − m)·r + m·stat, where the running variance uses the unbiased batch variance. In eval
 * mode the running statistics are used. ε = 1e-5; running mean 0, running variance 1 at init (buffers
 * {@code running_mean}, {@code running_var}).
 */
public final class BatchNorm1d extends Module {
    private final int channels;
    private final double eps, momentum;
    private final Tensor gamma, beta, runningMean, runningVar;

    public BatchNorm1d(int channels, DType dtype) {
        this(channels, 1e-5, 0.1, dtype);
    }

    public BatchNorm1d(int channels, double eps, double momentum, DType dtype) {
        if (channels <= 0) throw new IllegalArgumentException("BatchNorm1d: channels must be > 0, got " + channels);
        if (!(momentum >= 0 && momentum <= 1)) throw new IllegalArgumentException("BatchNorm1d: momentum must be in [0, 1], got " + momentum);
        this.channels = channels;
        this.eps = eps;
        this.momentum = momentum;
        this.gamma = param("weight", Tensor.ones(dtype, channels));
        this.beta = param("bias", Tensor.zeros(dtype, channels));
        this.runningMean = buffer("running_mean", Tensor.zeros(dtype, channels));
        this.runningVar = buffer("running_var", Tensor.ones(dtype, channels));
    }

    public Tensor runningMean() {
        return runningMean;
    }

    public Tensor runningVar() {
        return runningVar;
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length != 2 || s[1] != channels) throw new IllegalArgumentException("BatchNorm1d(" + channels + "): input must be [N, " + channels + "], got " + Arrays.toString(s));
        int[] batch = {0};
        if (!isTraining()) {
            return x.sub(runningMean).div(runningVar.add(eps).sqrt()).mul(gamma).add(beta);
        }
        int n = s[0];
        if (n < 2) throw new IllegalArgumentException("BatchNorm1d: training needs more than 1 sample per batch, got " + n);
        Tensor mean = x.mean(batch, true);
        Tensor c = x.sub(mean);
        Tensor var = c.mul(c).mean(batch, true);
        try (var g = Grad.off()) {
            Tensor m = mean.detach().reshape(channels), v = var.detach().reshape(channels).mul(n / (n - 1.0));
            runningMean.assign(runningMean.mul(1 - momentum).add(m.mul(momentum)).storage());
            runningVar.assign(runningVar.mul(1 - momentum).add(v.mul(momentum)).storage());
        }
        return c.div(var.add(eps).sqrt()).mul(gamma).add(beta);
    }

    @Override
    protected String describe() {
        return "BatchNorm1d(" + channels + ", eps=" + eps + ", momentum=" + momentum + ")";
    }
}
