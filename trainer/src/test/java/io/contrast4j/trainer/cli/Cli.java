package io.contrast4j.trainer.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs {@link Main#run} in-process with captured output, and the assertions the CLI tests share. */
public final class Cli {
    private Cli() {
    }

    /** What one invocation returned and printed. */
    public record Result(String[] argv, int code, String out, String err) {
        public List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }

        public String describe() {
            return "c4j " + String.join(" ", argv) + " -> exit " + code + "\nstdout:\n" + tail(out) + "\nstderr:\n" + err;
        }

        private static String tail(String s) {
            return s.length() <= 2000 ? s : "..." + s.substring(s.length() - 2000);
        }
    }

    public static Result run(String... argv) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code;
        try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8); PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            code = Main.run(argv, po, pe);
        }
        return new Result(argv, code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** Exit code 0 and nothing on stderr. */
    public static Result ok(String... argv) {
        Result r = run(argv);
        assertEquals(0, r.code(), r.describe());
        assertTrue(r.err().isBlank(), "unexpected stderr: " + r.describe());
        return r;
    }

    /**
     * A usage or input error: exit code 2, exactly one "c4j: ..." line naming {@code mentions} (case-insensitive),
     * then exactly one "try: ..." hint line, and no stack trace.
     */
    public static void assertUsageError(Result r, String mentions) {
        assertEquals(2, r.code(), r.describe());
        List<String> lines = r.errLines();
        assertEquals(2, lines.size(), "expected one error line and one hint line: " + r.describe());
        assertOneErrorLine(lines.get(0), mentions, r);
        assertTrue(lines.get(1).startsWith("try: c4j"), "second line must be the usage hint: " + r.describe());
    }

    /** Exit code 2 and exactly one error line (an input error without a usage hint, e.g. a bad file). */
    public static void assertInputError(Result r, String mentions) {
        assertEquals(2, r.code(), r.describe());
        List<String> lines = r.errLines();
        assertTrue(lines.size() == 1 || lines.size() == 2 && lines.get(1).startsWith("try: c4j"),
                "expected one error line (plus at most a usage hint): " + r.describe());
        assertOneErrorLine(lines.get(0), mentions, r);
    }

    private static void assertOneErrorLine(String line, String mentions, Result r) {
        assertTrue(line.startsWith("c4j: "), "error line must start with 'c4j: ': " + r.describe());
        assertTrue(!line.contains("internal error") && !line.contains("Exception"), "not a clean error: " + r.describe());
        assertTrue(line.toLowerCase().contains(mentions.toLowerCase()), "error must mention '" + mentions + "': " + r.describe());
    }

    /** Names of the files under {@code dir} (recursively, relative), sorted; empty when it does not exist. */
    public static List<String> listing(Path dir) {
        if (!Files.exists(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
