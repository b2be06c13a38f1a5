package io.contrast4j.trainer.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The one error type of the data loaders: a problem with an input file or resource, named by
 * source, 1-based line number (0 when the problem is not tied to one line) and a one-line
 * description. {@link #getMessage()} reads {@code digits.csv:17: expected 65 columns, got 12},
 * or {@code digits.csv: file is empty} when the line is 0.
 */
public final class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String problem;

    /**
     * @param source  file path or resource name
     * @param line    1-based line number, or 0 if the problem is not line-specific
     * @param problem one-line description of what is wrong
     */
    public DataException(String source, int line, String problem) {
        this(source, line, problem, null);
    }

    public DataException(String source, int line, String problem, Throwable cause) {
        super(format(source, line, problem), cause);
        if (line < 0) throw new IllegalArgumentException("line must be >= 0, got " + line);
        this.source = Objects.requireNonNull(source, "source");
        this.line = line;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public DataException(Path source, int line, String problem) {
        this(source.toString(), line, problem, null);
    }

    public DataException(Path source, int line, String problem, Throwable cause) {
        this(source.toString(), line, problem, cause);
    }

    private DataException(String source, String problem, String message) {
        super(message);
        this.source = source;
        this.line = 0;
        this.problem = problem;
    }

    /**
     * A whole data set that is not installed, e.g.
     * {@code Fashion-MNIST not found at /usr/share/datasets/fashion-mnist: install it with 'apt-get install -y dataset-fashion-mnist'}.
     */
    public static DataException notInstalled(String dataSet, Path location, String installCommand) {
        String problem = dataSet + " not found: install it with '" + installCommand + "'";
        return new DataException(location.toString(), problem,
                dataSet + " not found at " + location + ": install it with '" + installCommand + "'");
    }

    private static String format(String source, int line, String problem) {
        return line > 0 ? source + ":" + line + ": " + problem : source + ": " + problem;
    }

    /** File path or resource name. */
    public String source() {
        return source;
    }

    /** 1-based line number, or 0 if the problem is not line-specific. */
    public int line() {
        return line;
    }

    /** The description without source and line. */
    public String problem() {
        return problem;
    }
}
