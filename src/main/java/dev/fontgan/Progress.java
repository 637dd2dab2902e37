package dev.fontgan;

/**
 * Progress of a long job as the library reports it; the CLI turns it into a bar with rate and
 * ETA, tests and {@code --quiet} use {@link #NONE}.
 */
public interface Progress extends AutoCloseable {
    Progress NONE = new Progress() {
        @Override public void start(String task, long total) {}
        @Override public void advance(long amount) {}
        @Override public void status(String text) {}
        @Override public void close() {}
    };

    /** Begins a task of {@code total} units (-1 when unknown). */
    void start(String task, long total);

    /** Marks {@code amount} more units done. */
    void advance(long amount);

    /** Shows a short status beside the bar (current losses, file name). */
    void status(String text);

    /** Ends the current task. */
    @Override
    void close();

    /** Units already done, when a job resumes. */
    default void resumeAt(long done) {
        advance(done);
    }
}
