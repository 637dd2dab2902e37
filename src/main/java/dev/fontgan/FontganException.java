package dev.fontgan;

import java.nio.file.Path;

/**
 * Bad input from the user: a file, an argument or a value that cannot be used. The CLI prints it as
 * {@code error: <where>: <problem>} and exits non-zero; anything else escaping is a bug.
 */
public final class FontganException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String where;

    public FontganException(String where, String problem) {
        super(problem);
        this.where = where;
    }

    public FontganException(Path where, String problem) {
        this(String.valueOf(where), problem);
    }

    public FontganException(String where, String problem, Throwable cause) {
        super(problem, cause);
        this.where = where;
    }

    public FontganException(Path where, String problem, Throwable cause) {
        this(String.valueOf(where), problem, cause);
    }

    /** The file or argument at fault, as the user named it. */
    public String where() {
        return where;
    }

    /** The problem in a few words, without the location. */
    public String problem() {
        return getMessage();
    }

    /** The single line the CLI prints. */
    public String line() {
        return "error: " + where + ": " + getMessage();
    }
}
