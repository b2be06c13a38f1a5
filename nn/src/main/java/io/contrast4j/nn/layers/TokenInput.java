package io.contrast4j.nn.layers;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;

import java.util.Arrays;

/**
 * The input of sequence models: token ids {@code [B, T]} (I32) and a padding mask {@code [B, T]} (F32/F64;
 * 1 = real token, 0 = padding).
 */
public record TokenInput(Tensor ids, Tensor mask) {
    public TokenInput {
        if (ids.dtype() != DType.I32 || ids.rank() != 2) throw new IllegalArgumentException("TokenInput: ids must be an I32 [B, T] tensor, got " + ids.dtype() + " " + Arrays.toString(ids.shape()));
        if (!mask.dtype().isFloating() || !Arrays.equals(mask.shape(), ids.shape())) {
            throw new IllegalArgumentException("TokenInput: mask must be a float tensor of the ids' shape " + Arrays.toString(ids.shape()) + ", got " + mask.dtype() + " " + Arrays.toString(mask.shape()));
        }
    }

    /** All tokens real. */
    public static TokenInput of(Tensor ids) {
        return new TokenInput(ids, Tensor.ones(DType.F32, ids.shape()));
    }

    /** Right-padded with id {@code padId} from ragged rows. */
    public static TokenInput padded(int[][] rows, int padId) {
        int b = rows.length, t = 1;
        for (int[] r : rows) t = Math.max(t, r.length);
        int[] ids = new int[b * t];
        float[] m = new float[b * t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                boolean real = j < rows[i].length;
                ids[i * t + j] = real ? rows[i][j] : padId;
                m[i * t + j] = real ? 1 : 0;
            }
        }
        return new TokenInput(Tensor.ofInts(ids, b, t), Tensor.of(m, b, t));
    }

    public int batch() {
        return ids.dim(0);
    }

    public int length() {
        return ids.dim(1);
    }
}
