package io.contrast4j.trainer.cli;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Params;
import io.contrast4j.losses.Loss;
import io.contrast4j.losses.LossEntry;
import io.contrast4j.losses.LossInputs;
import io.contrast4j.losses.LossRegistry;
import io.contrast4j.nn.io.Json;
import io.contrast4j.nn.io.JsonException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code c4j loss ID --input case.json [--param name=value]...}: evaluates one loss in float64 on inputs read
 * from JSON ({@code {"inputs": {NAME: nested arrays}, "params": {...}}}) and prints the loss and its gradient with
 * respect to every floating-point input.
 */
public final class LossCommand {
    static final String HELP = """
            usage: c4j loss ID --input case.json [--param name=value]...
              Reads {"inputs": {NAME: nested arrays, ...}, "params": {...}} (input names as 'c4j list losses --json'
              declares them; labels as integers), computes in float64 and prints
              {"id": ..., "loss": x, "grad": {NAME: nested arrays}}.""";

    private LossCommand() {
    }

    public static int run(String[] argv, PrintStream out) {
        Args a = Args.parse("loss", argv, 1, Set.of("input", "param"), Set.of("help"));
        if (a.flag("help")) {
            out.println(HELP);
            return 0;
        }
        if (a.positionals().size() != 1) throw new UsageException("loss needs exactly one loss ID", "c4j loss --help");
        String file = a.get("input", null);
        if (file == null) throw new UsageException("missing --input case.json", "c4j loss --help");
        LossEntry entry;
        try {
            entry = LossRegistry.find(a.positionals().get(0));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), "c4j list losses");
        }
        Path path = Path.of(file);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": no such file", "c4j loss --help");
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read (" + e.getMessage() + ")", "c4j loss --help");
        }
        Json root;
        try {
            root = Json.parse(text);
        } catch (JsonException e) {
            throw new UsageException(file + ": not valid JSON: " + e.getMessage(), "c4j loss --help");
        }
        if (!(root instanceof Json.Obj obj) || !(obj.get("inputs") instanceof Json.Obj inputs)) {
            throw new UsageException(file + ": expected an object with an \"inputs\" object", "c4j loss --help");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (obj.get("params") instanceof Json.Obj p) {
            p.members().forEach((k, v) -> params.put(k, v instanceof Json.Str s ? s.value() : v.toJson()));
        }
        try {
            Params.parse(a.all("param")).asMap().forEach(params::put);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--param: " + e.getMessage(), "c4j loss --help");
        }
        params.put("dtype", "F64");
        Loss loss;
        try {
            loss = entry.factory().apply(Params.of(params));
        } catch (IllegalArgumentException e) {
            throw new UsageException(entry.id() + ": " + e.getMessage(), "c4j list losses --json");
        }
        Map<String, Input> declared = new LinkedHashMap<>();
        for (Input in : loss.inputs()) declared.put(in.name(), in);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        List<String> floats = new ArrayList<>();
        for (var e : inputs.members().entrySet()) {
            Input in = declared.get(e.getKey());
            if (in == null) throw new UsageException(entry.id() + ": unknown input '" + e.getKey() + "' (declared: " + String.join(", ", declared.keySet()) + ")", "c4j list losses --json");
            try {
                Tensor t = JsonTensors.read(e.getKey(), e.getValue(), in.type() == Input.Type.INT ? DType.I32 : DType.F64);
                if (in.type() == Input.Type.FLOAT) {
                    t.requiresGrad(true);
                    floats.add(e.getKey());
                }
                tensors.put(e.getKey(), t);
            } catch (IllegalArgumentException ex) {
                throw new UsageException(file + ": " + ex.getMessage(), "c4j loss --help");
            }
        }
        Tensor value;
        try {
            value = loss.compute(LossInputs.of(tensors));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new UsageException(entry.id() + ": " + e.getMessage(), "c4j list losses --json");
        }
        if (value.requiresGrad()) value.backward();
        StringBuilder sb = new StringBuilder("{\"id\": \"").append(entry.id()).append("\", \"loss\": ").append(value.item()).append(", \"grad\": {");
        for (int i = 0; i < floats.size(); i++) {
            Tensor t = tensors.get(floats.get(i));
            Tensor g = t.grad() == null ? Tensor.zeros(DType.F64, t.shape()) : t.grad();
            sb.append(i == 0 ? "" : ", ").append('"').append(floats.get(i)).append("\": ").append(JsonTensors.write(g));
        }
        sb.append("}}");
        out.println(sb);
        return 0;
    }
}
