package io.contrast4j.nn.components;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.nn.Module;
import io.contrast4j.nn.init.Init;
import io.contrast4j.nn.layers.TokenInput;
import io.contrast4j.nn.layers.TransformerEncoder;

import java.util.List;

/**
 * Learnable prefix vectors (catalog E12, T2; prompt tuning, Lester et al. 2021; SoftREPA soft tokens, CoOp-style
 * learnable contexts): P vectors {@code prompts [P, D]} (N(0, 0.02²)) are prepended to the embedded token sequence
 * (after positions) and always attended to; the encoder's blocks then run on {@code [B, P+T, D]}.
 * {@link #promptParameters()} gives the prompts alone, for training them as the only parameters.
 */
public final class SoftPrompt extends Module {
    public static final CatalogInfo INFO = new CatalogInfo("E12", "Learnable prefix vectors (soft prompts / learnable contexts)", "encoder", "T2",
            "Lester et al. 2021 (prompt tuning); SoftREPA; CoOp learnable contexts", "X' = [P; E(x)] with P ∈ R^{p×d} learnable");

    private final TransformerEncoder encoder;
    private final Tensor prompts;
    private final int p;

    public SoftPrompt(TransformerEncoder encoder, int numPrompts, DType dtype, Rng rng) {
        if (numPrompts <= 0) throw new IllegalArgumentException("SoftPrompt: numPrompts must be > 0, got " + numPrompts);
        this.p = numPrompts;
        this.encoder = child("encoder", encoder);
        this.prompts = param("prompts", Init.normal(dtype, rng, 0, 0.02, numPrompts, encoder.dim()));
    }

    public List<Tensor> promptParameters() {
        return List.of(prompts);
    }

    /** The mask of the extended sequence {@code [B, P+T]} (prompts are real tokens). */
    public Tensor extendedMask(Tensor mask) {
        int b = mask.dim(0);
        return Tensor.concat(List.of(Tensor.ones(mask.dtype(), b, p), mask.detach()), 1);
    }

    /** Token states {@code [B, P+T, D]}; pool them with {@link #extendedMask}. */
    public Tensor forward(TokenInput in) {
        Tensor x = encoder.embed(in.ids());
        int b = x.dim(0);
        Tensor pre = prompts.unsqueeze(0).broadcastTo(b, p, encoder.dim());
        Tensor mask = extendedMask(in.mask()).to(x.dtype());
        return encoder.forwardEmbedded(Tensor.concat(List.of(pre, x), 1), mask, null);
    }

    @Override
    public Tensor forward(Tensor ids) {
        return forward(TokenInput.of(ids));
    }

    @Override
    protected String describe() {
        return "SoftPrompt(" + p + ")";
    }
}
