package io.contrast4j.tests.reliability;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same training run in two fresh JVMs must write the same checkpoint bytes (the reproducibility that
 * {@code --resume} and the determinism promise of TrainState rest on), on both CPU backends. This test found that
 * the vector backend's C2-compiled lane max/min reductions and transcendental lanewise ops differ in the last bit from
 * their interpreted forms; both now use fixed-order, bit-specified code.
 */
class CrossJvmReproducibilityTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void twoJvmsWriteTheSameCheckpoint(String backend) throws Exception {
        Path[] dirs = {tmp.resolve("a"), tmp.resolve("b")};
        for (Path d : dirs) {
            try (TrainerProcess p = TrainerProcess.start("train", "--steps", "40", "--eval-every", "1000", "--dim", "16", "--hidden", "64",
                    "--seed", "11", "--backend", backend, "--out", d.toString())) {
                assertEquals(0, p.await(120), p.output());
            }
        }
        assertEquals(-1L, Files.mismatch(dirs[0].resolve("checkpoint.safetensors"), dirs[1].resolve("checkpoint.safetensors")),
                backend + ": two JVMs, same config and seed, different checkpoint bytes (first differing byte)");
        assertEquals(Files.readString(dirs[0].resolve("metrics.csv")), Files.readString(dirs[1].resolve("metrics.csv")));
    }
}
