package io.contrast4j.trainer.cli;

import io.contrast4j.nn.io.NamedArray;
import io.contrast4j.nn.io.SafeTensors;
import io.contrast4j.trainer.data.DataException;
import io.contrast4j.trainer.data.TextFile;
import io.contrast4j.trainer.train.Checkpoints;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code c4j embed}: embeddings of inputs with a trained checkpoint. Vector encoders read CSV rows of numbers (a row
 * with one value more than the encoder's input is taken to end with its label, which is dropped); text encoders read
 * one text per line. Writes CSV (one embedding per line) or safetensors (tensor "embeddings", N x D).
 */
public final class EmbedCommand {
    static final String HELP = """
            usage: c4j embed --checkpoint RUN_DIR --input FILE --output OUT.csv|OUT.safetensors
              Vector encoders: FILE is CSV of numbers (optionally ending with a label column, ignored).
              Text encoders: FILE holds one text per line.""";

    private EmbedCommand() {
    }

    public static int run(String[] argv, PrintStream out) {
        Args a = Args.parse("embed", argv, 1, Set.of("checkpoint", "input", "output"), Set.of("help"));
        if (a.flag("help")) {
            out.println(HELP);
            return 0;
        }
        String ck = a.get("checkpoint", null), in = a.get("input", null), outFile = a.get("output", null);
        if (ck == null || in == null || outFile == null) throw new UsageException("embed needs --checkpoint, --input and --output", "c4j embed --help");
        if (!outFile.endsWith(".csv") && !outFile.endsWith(".safetensors")) throw new UsageException("--output must end in .csv or .safetensors", "c4j embed --help");
        Checkpoints.Loaded l = Checkpoints.load(Path.of(ck));
        List<String> lines = TextFile.readLines(Path.of(in));
        float[][] emb;
        if (l.encoder().kind().equals("bag")) {
            emb = l.encoder().embedTexts(lines);
        } else {
            int d = l.encoder().inputDim();
            List<float[]> rows = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String s = lines.get(i).trim();
                if (s.isEmpty()) continue;
                String[] f = s.split("[,\t ;]+");
                if (f.length != d && f.length != d + 1) {
                    throw new DataException(Path.of(in), i + 1, "expected " + d + " values (or " + (d + 1) + " with a label), got " + f.length);
                }
                float[] r = new float[d];
                for (int j = 0; j < d; j++) {
                    try {
                        r[j] = Float.parseFloat(f[j]);
                    } catch (NumberFormatException e) {
                        throw new DataException(Path.of(in), i + 1, "value " + (j + 1) + " is not a number: '" + f[j] + "'");
                    }
                    if (!Float.isFinite(r[j])) throw new DataException(Path.of(in), i + 1, "value " + (j + 1) + " is not finite");
                }
                rows.add(r);
            }
            if (rows.isEmpty()) throw new DataException(Path.of(in), 0, "no rows");
            emb = l.encoder().embedVectors(rows.toArray(new float[0][]));
        }
        Path target = Path.of(outFile);
        int n = emb.length, dim = n == 0 ? 0 : emb[0].length;
        if (outFile.endsWith(".safetensors")) {
            float[] flat = new float[n * dim];
            for (int i = 0; i < n; i++) System.arraycopy(emb[i], 0, flat, i * dim, dim);
            SafeTensors.write(target, List.of(NamedArray.f32("embeddings", new int[]{n, dim}, flat)), Map.of("checkpoint", ck));
        } else {
            StringBuilder sb = new StringBuilder();
            for (float[] r : emb) {
                for (int j = 0; j < r.length; j++) sb.append(j == 0 ? "" : ",").append(r[j]);
                sb.append('\n');
            }
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            try {
                Files.writeString(tmp, sb, StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UsageException("cannot write " + target + ": " + e.getMessage(), "c4j embed --help");
            }
        }
        out.printf(Locale.ROOT, "wrote %d embeddings of dimension %d to %s%n", n, dim, target);
        return 0;
    }
}
