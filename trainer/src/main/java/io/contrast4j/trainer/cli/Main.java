package io.contrast4j.trainer.cli;

import io.contrast4j.autograd.NonFiniteException;

import java.io.PrintStream;
import java.util.Arrays;

/** The {@code c4j} command line. Exit codes: 0 success, 1 failure (e.g. a failed check), 2 usage or input error. */
public final class Main {
    static final String USAGE = """
            usage: c4j COMMAND [options]     (c4j COMMAND --help for each)
              train      train an encoder (default: the digits data set shipped in the jar)
              eval       test metrics of a checkpoint or a baseline
              embed      embeddings of inputs with a checkpoint (CSV or safetensors)
              mine       hard negatives for a retrieval data set, to JSONL
              list       the registry: losses, samplers, miners, metrics, ...
              loss       evaluate one loss and its gradient on JSON inputs
              gradcheck  float64 gradient check of ops, modules and losses
              info       JDK, SIMD, backends and OpenCL devices""";

    private Main() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public static int run(String[] argv, PrintStream out, PrintStream err) {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
            out.println(USAGE);
            return argv.length == 0 ? 2 : 0;
        }
        try {
            return switch (argv[0]) {
                case "list" -> ListCommand.run(argv, out);
                case "loss" -> LossCommand.run(argv, out);
                case "gradcheck" -> GradcheckCommand.run(argv, out);
                case "info" -> InfoCommand.run(argv, out);
                case "train" -> TrainCommand.run(argv, out);
                case "eval" -> EvalCommand.run(argv, out);
                case "embed" -> EmbedCommand.run(argv, out);
                case "mine" -> MineCommand.run(argv, out);
                case "--version", "version" -> {
                    out.println("contrast4j " + version());
                    yield 0;
                }
                default -> throw new UsageException("unknown command '" + argv[0] + "'", "c4j --help");
            };
        } catch (UsageException e) {
            err.println("c4j: " + e.getMessage());
            err.println("try: " + e.hint());
            return 2;
        } catch (NonFiniteException e) {
            err.println("c4j: " + e.getMessage());
            return 1;
        } catch (io.contrast4j.trainer.data.DataException | io.contrast4j.nn.io.CheckpointException e) {
            err.println("c4j: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            err.println("c4j: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("c4j: internal error: " + e + (System.getenv("C4J_DEBUG") == null ? " (set C4J_DEBUG=1 for the stack trace)" : ""));
            if (System.getenv("C4J_DEBUG") != null) e.printStackTrace(err);
            return 1;
        }
    }

    static String[] rest(String[] argv) {
        return Arrays.copyOfRange(argv, 1, argv.length);
    }
}
