package io.contrast4j.nn.io;

/** Malformed JSON text: the message names the problem and the character offset where it was found. */
public final class JsonException extends IllegalArgumentException {

    private final int offset;

    public JsonException(String message, int offset) {
        super(message + " at offset " + offset);
        this.offset = offset;
    }

    /** Character offset into the parsed text (-1 when not about parsing). */
    public int offset() {
        return offset;
    }
}
