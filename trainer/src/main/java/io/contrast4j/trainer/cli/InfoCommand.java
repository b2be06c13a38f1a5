package io.contrast4j.trainer.cli;

import io.contrast4j.autograd.backend.Backends;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;

import java.io.PrintStream;
import java.util.Set;

/** {@code c4j info}: JDK, CPU, backends available (and why others are not), SIMD width. */
public final class InfoCommand {
    private InfoCommand() {
    }

    public static int run(String[] argv, PrintStream out) {
        Args a = Args.parse("info", argv, 1, Set.of(), Set.of("help"));
        if (a.flag("help")) {
            out.println("usage: c4j info\n  Prints the JDK, processors, SIMD width, backends and OpenCL devices.");
            return 0;
        }
        out.println("contrast4j " + Main.version());
        out.println("JDK        " + System.getProperty("java.vm.name") + " " + Runtime.version());
        out.println("cores      " + Runtime.getRuntime().availableProcessors());
        out.println("heap max   " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        out.println("SIMD       " + FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit (" + FloatVector.SPECIES_PREFERRED.length()
                + " floats, " + DoubleVector.SPECIES_PREFERRED.length() + " doubles per vector)");
        out.println("backends   " + String.join(", ", Backends.available()) + " (default: " + Backends.current().name() + ")");
        Backends.unavailable().forEach((k, v) -> out.println("           " + k + ": unavailable: " + v));
        out.println("OpenCL");
        out.println(io.contrast4j.gpu.OpenClInfo.describe().indent(2).stripTrailing());
        return 0;
    }
}
