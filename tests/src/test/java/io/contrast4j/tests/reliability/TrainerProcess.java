package io.contrast4j.tests.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code c4j} (io.contrast4j.trainer.cli.Main) in a child JVM: the current JVM's java binary and class path, the
 * flags the launcher uses. Records the last "step i/N" progress line it printed, for killing it mid-training.
 */
final class TrainerProcess implements AutoCloseable {
    private static final Pattern STEP = Pattern.compile("^step (\\d+)/(\\d+)");
    private final Process process;
    private final AtomicInteger lastStep = new AtomicInteger(0);
    private final StringBuilder output = new StringBuilder();
    private final Thread reader;

    private TrainerProcess(Process p) {
        this.process = p;
        this.reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    Matcher m = STEP.matcher(line);
                    if (m.find()) lastStep.set(Integer.parseInt(m.group(1)));
                }
            } catch (IOException ignored) {
                // the child was killed: its pipe closes
            }
        });
    }

    static List<String> command(List<String> prefix, String... args) {
        String java = ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("cannot tell the current java binary"));
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(java, "-XX:-UsePerfData", "-XX:+UseSerialGC", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.contrast4j.trainer.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static TrainerProcess start(String... args) {
        return start(List.of(), args);
    }

    /** {@code prefix} goes before the java binary (e.g. a shell that sets a resource limit, then execs it). */
    static TrainerProcess start(List<String> prefix, String... args) {
        try {
            return new TrainerProcess(new ProcessBuilder(command(prefix, args)).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int lastStep() {
        return lastStep.get();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL (no shutdown hooks, no finally blocks) and wait for the process and its output to end. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(5_000);
    }

    /** Waits for a normal exit; returns the exit code. */
    int await(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("trainer did not finish in " + seconds + " s; output:\n" + output());
        }
        reader.join(5_000);
        return process.exitValue();
    }

    String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }

    /** Stale temporary files (".NAME...tmp") in a run directory. */
    static List<String> tmpFiles(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
