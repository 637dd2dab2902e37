package dev.fontgan.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prepares the next host-side batch on one background thread while the caller works on the
 * current one. The order is exactly that of the wrapped iterator, so results stay deterministic.
 * Close it when stopping early.
 */
public final class Prefetcher<T> implements Iterator<T>, AutoCloseable {
    private final Iterator<T> source;
    private final ExecutorService worker;
    private Future<T> pending;

    public Prefetcher(Iterator<T> source) {
        this.source = source;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fontgan-prefetch");
            t.setDaemon(true);
            return t;
        });
        schedule();
    }

    private void schedule() {
        pending = source.hasNext() ? worker.submit(source::next) : null;
    }

    @Override
    public boolean hasNext() {
        return pending != null;
    }

    @Override
    public T next() {
        if (pending == null) {
            throw new NoSuchElementException();
        }
        T value;
        try {
            value = pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while prefetching", e);
        } catch (ExecutionException e) {
            close();
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        schedule();
        if (pending == null) {
            worker.shutdown();
        }
        return value;
    }

    @Override
    public void close() {
        pending = null;
        worker.shutdownNow();
    }
}
