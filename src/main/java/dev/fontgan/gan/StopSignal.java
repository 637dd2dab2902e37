package dev.fontgan.gan;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets Ctrl-C end training cleanly: a shutdown hook raises the flag and waits (bounded) until
 * the training loop has saved a checkpoint and called {@link #finished()}.
 */
public final class StopSignal {
    private volatile boolean requested;
    private final CountDownLatch done = new CountDownLatch(1);
    private Thread hook;

    /** Asks the loop to stop after the current iteration. */
    public void request() {
        requested = true;
    }

    public boolean requested() {
        return requested;
    }

    /** Installs a JVM shutdown hook (for the CLI); the hook waits up to {@code waitSeconds}. */
    public StopSignal onShutdown(int waitSeconds) {
        hook = new Thread(() -> {
            requested = true;
            try {
                done.await(waitSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fontgan-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return this;
    }

    /** The loop has ended (checkpoint written or not needed); removes the hook when possible. */
    public void finished() {
        done.countDown();
        if (hook != null && hook != Thread.currentThread()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down: the hook is running and sees the latch
            }
            hook = null;
        }
    }
}
