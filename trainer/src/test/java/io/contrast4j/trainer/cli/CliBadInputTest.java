package io.contrast4j.trainer.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Bad command lines: each must end with exit code 2, one "c4j: ..." line naming the problem plus the usage hint,
 * and leave nothing behind in the output directory (a refused run must not create it).
 */
class CliBadInputTest {
    @TempDir
    Path tmp;

    /** (what the error line must mention, train arguments). Every case runs with {@code --out <fresh dir>} and, unless it sets them, {@code --steps 2}. */
    static Stream<Arguments> badTrainOptions() {
        return Stream.of(
                bad("--frob", "--frob", "1"),
                bad("unexpected argument 'extra'", "extra"),
                bad("--lr needs a value", "--lr"),
                bad("--lr", "--lr", "abc"),
                bad("--lr", "--lr", "NaN"),
                bad("--lr", "--lr", "Infinity"),
                bad("--lr", "--lr", "1e400"),
                bad("--lr", "--lr", "0"),
                bad("--lr", "--lr", "-1"),
                bad("--batch-size", "--batch-size", "0"),
                bad("--batch-size", "--batch-size", "-1"),
                bad("--batch-size", "--batch-size", "abc"),
                bad("L999", "--loss", "L999"),
                bad("no-such-loss", "--loss", "no-such-loss"),
                bad("foo", "--loss-param", "foo=1"),
                bad("noequals", "--loss-param", "noequals"),
                bad("--optimizer", "--optimizer", "bogus"),
                bad("--schedule", "--schedule", "bogus"),
                bad("S999", "--sampler", "S999"),
                bad("S999", "--miner", "S999"),
                bad("--checkpoint-every", "--checkpoint-every", "-1"),
                bad("--nan-check", "--nan-check", "maybe"),
                bad("--eval-every", "--eval-every", "abc"),
                bad("--eval-every", "--eval-every", "0"),
                bad("--steps", "--steps", "-3"),
                bad("--steps", "--steps", "many"),
                bad("nothing to train", "--steps", "0", "--epochs", "0"),
                bad("--dim", "--dim", "0"),
                bad("--hidden", "--hidden", "0"),
                bad("dropout", "--dropout", "2"),
                bad("--weight-decay", "--weight-decay", "-1"),
                bad("--warmup", "--warmup", "-1"),
                bad("--seed", "--seed", "abc"),
                bad("bogus", "--backend", "bogus"),
                bad("--normalize", "--normalize", "maybe"),
                bad("--encoder", "--encoder", "bogus"),
                bad("bogusname", "--data", "bogusname"),
                bad("no-such-file.csv", "--data", "/no/such/dir/no-such-file.csv"),
                bad("no-such-config.json", "--config", "/no/such/dir/no-such-config.json"),
                bad("--resume", "--resume", "/no/such/dir/run"));
    }

    private static Arguments bad(String mentions, String... args) {
        return Arguments.of(mentions, args);
    }

    @ParameterizedTest(name = "[{index}] train {1}")
    @MethodSource("badTrainOptions")
    void badTrainOptionIsOneLineExit2AndWritesNothing(String mentions, String[] args) {
        Path out = tmp.resolve("run");
        List<String> argv = new ArrayList<>(List.of("train", "--out", out.toString()));
        if (!Arrays.asList(args).contains("--steps")) argv.addAll(List.of("--steps", "2"));
        argv.addAll(Arrays.asList(args)); // last, so that a bare "--lr" is the option missing its value
        Cli.Result r = Cli.run(argv.toArray(new String[0]));
        Cli.assertUsageError(r, mentions);
        assertTrue(r.out().isBlank(), "a refused run prints nothing on stdout: " + r.describe());
        assertFalse(Files.exists(out), "a refused run must not create --out: " + Cli.listing(out) + "\n" + r.describe());
    }

    @Test
    void unknownCommand() {
        Cli.assertUsageError(Cli.run("frobnicate"), "unknown command 'frobnicate'");
    }

    @Test
    void noCommandPrintsUsageAndExits2() {
        Cli.Result r = Cli.run();
        assertEquals(2, r.code(), r.describe());
        assertTrue(r.out().contains("usage: c4j COMMAND"), r.describe());
    }

    @Test
    void unknownFlagOfEveryCommandIsRefused() {
        for (String cmd : List.of("train", "eval", "embed", "mine", "list", "loss", "gradcheck", "info")) {
            Cli.assertUsageError(Cli.run(cmd, "--no-such-flag"), "--no-such-flag");
        }
    }

    @Test
    void switchWithAValueIsRefused() {
        Cli.assertUsageError(Cli.run("list", "--json=yes"), "--json takes no value");
    }

    @Test
    void outIsARegularFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "keep me");
        Cli.Result r = Cli.run("train", "--steps", "2", "--out", file.toString());
        Cli.assertUsageError(r, "a-file");
        assertEquals("keep me", Files.readString(file));
        assertEquals(List.of("a-file"), Cli.listing(tmp));
    }

    @Test
    void outUnderARegularFile() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "keep me");
        Cli.Result r = Cli.run("train", "--steps", "2", "--out", file.resolve("run").toString());
        Cli.assertUsageError(r, "cannot write");
        assertEquals("keep me", Files.readString(file));
        assertEquals(List.of("a-file"), Cli.listing(tmp));
    }

    @Test
    void outNonEmptyWithoutOverwriteIsRefusedAndUntouched() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("run"));
        byte[] content = {1, 2, 3, 4};
        Files.write(out.resolve("checkpoint.safetensors"), content);
        Cli.Result r = Cli.run("train", "--steps", "2", "--out", out.toString());
        Cli.assertUsageError(r, "not empty");
        assertTrue(r.errLines().get(0).contains("--overwrite"), "the error must say how to proceed: " + r.describe());
        assertEquals(List.of("checkpoint.safetensors"), Cli.listing(out));
        assertArrayEquals(content, Files.readAllBytes(out.resolve("checkpoint.safetensors")));
    }

    @Test
    void outUnderAReadOnlyDirectory() throws IOException {
        Path ro = Files.createDirectory(tmp.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(ro), "running as root: permissions do not stop writes here");
            Cli.Result r = Cli.run("train", "--steps", "2", "--out", ro.resolve("run").toString());
            Cli.assertUsageError(r, "cannot write");
            assertEquals(List.of(), Cli.listing(ro));
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void resumeOfADirectoryWithoutCheckpoint() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("run"));
        Cli.assertUsageError(Cli.run("train", "--resume", dir.toString()), "config.json");
        assertEquals(List.of(), Cli.listing(dir));
    }

    @Test
    void evalBadInputs() {
        Cli.assertUsageError(Cli.run("eval", "--json"), "exactly one of --checkpoint and --baseline");
        Cli.assertUsageError(Cli.run("eval", "--baseline", "raw", "--checkpoint", tmp.toString()), "exactly one of");
        Cli.assertUsageError(Cli.run("eval", "--baseline", "bogus"), "--baseline must be raw or untrained");
        Cli.assertInputError(Cli.run("eval", "--checkpoint", tmp.resolve("nope").toString()), "nope");
        Cli.assertInputError(Cli.run("eval", "--baseline", "raw", "--seed", "abc"), "--seed");
    }

    @Test
    void embedBadInputs() throws IOException {
        Cli.assertUsageError(Cli.run("embed", "--checkpoint", tmp.toString()), "embed needs --checkpoint, --input and --output");
        Cli.assertUsageError(Cli.run("embed", "--checkpoint", tmp.toString(), "--input", "x.csv", "--output", tmp.resolve("e.txt").toString()),
                "--output must end in .csv or .safetensors");
        Cli.assertInputError(Cli.run("embed", "--checkpoint", tmp.resolve("nope").toString(), "--input", "x.csv", "--output",
                tmp.resolve("e.csv").toString()), "nope");
        assertFalse(Files.exists(tmp.resolve("e.csv")));
    }

    @Test
    void listBadInputs() {
        Cli.assertUsageError(Cli.run("list", "bogus-kind"), "unknown kind 'bogus-kind'");
        Cli.assertUsageError(Cli.run("list", "losses", "miners"), "at most one KIND");
    }

    @Test
    void gradcheckBadInputs() {
        Cli.assertUsageError(Cli.run("gradcheck", "NO.SUCH.OP"), "NO.SUCH.OP");
        Cli.assertUsageError(Cli.run("gradcheck", "OP.exp", "--seed", "abc"), "--seed must be an integer");
    }
}
