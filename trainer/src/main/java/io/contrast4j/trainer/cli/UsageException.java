package io.contrast4j.trainer.cli;

/** A command-line mistake: printed as one line plus a usage hint, exit code 2. */
public final class UsageException extends RuntimeException {
    private final String hint;

    public UsageException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}
