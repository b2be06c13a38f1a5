package io.contrast4j.nn.io;

/** Malformed JSON text: the message names the problem and the character offset where it was found. */
public final class JsonException extends IllegalArgumentException {

    private final int offset;
    private final String problem;

    public JsonException(String message, int offset) {
        super(message + " at offset " + offset);
        this.offset = offset;
        this.problem = message;
    }

    /** The problem without the offset, e.g. {@code expected ':'}. */
    public String problem() {
        return problem;
    }

    /** Character offset into the parsed text (-1 when not about parsing). */
    public int offset() {
        return offset;
    }
}
