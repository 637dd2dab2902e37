package dev.fontgan.ocr;

import dev.fontgan.FontganException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/**
 * Writes one LMDB database of text lines in the layout text-recognition trainers read
 * (deep-text-recognition-benchmark, PARSeq, ABINet, MMOCR's LMDB loader): {@code image-%09d} holds the
 * image file's bytes, {@code label-%09d} the UTF-8 text, both numbered from 1, and {@code num-samples}
 * the count in decimal. The folder gets {@code data.mdb} only (no lock file: one writer, readers of a
 * finished set open it without locking).
 *
 * <p>Samples are committed in batches so a write transaction's dirty pages stay bounded whatever the
 * line count. LMDB needs its map size up front: the caller sizes it from the bytes it will store
 * ({@link #mapSizeFor}); should that still fall short, the batch is redone in a map twice as large.
 */
public final class LmdbWriter implements AutoCloseable {
    /** Samples per write transaction. */
    static final int BATCH = 1000;
    /** LMDB's page size on x86_64 Linux. */
    private static final long PAGE = 4096;

    private final Path dir;
    private final Env<byte[]> env;
    private final Dbi<byte[]> db;
    private final List<byte[]> pendingImages = new ArrayList<>();
    private final List<String> pendingLabels = new ArrayList<>();
    private long mapSize;
    private long count;
    private int growths;

    /** Creates the database in {@code dir} (made if missing; it should hold no other database). */
    public LmdbWriter(Path dir, long mapSize) {
        this.dir = dir;
        this.mapSize = mapSize;
        Env<byte[]> opened = null;
        try {
            java.nio.file.Files.createDirectories(dir);
            LmdbNativeLibrary.install();
            // NOSYNC: one sync at the end; a kill before it leaves an unfinished dataset that is rebuilt anyway
            // byte arrays, not ByteBuffers: lmdbjava's ByteBuffer access needs --add-opens java.base/java.nio
            opened = Env.create(ByteArrayProxy.PROXY_BA).setMapSize(mapSize).setMaxDbs(1)
                    .open(dir.toFile(), EnvFlags.MDB_NOLOCK, EnvFlags.MDB_NOSYNC);
            db = opened.openDbi((String) null, DbiFlags.MDB_CREATE);
        } catch (java.io.IOException | LmdbException e) {
            if (opened != null) {
                opened.close();
            }
            throw new FontganException(dir, "cannot create an LMDB database: " + e.getMessage(), e);
        }
        env = opened;
    }

    /**
     * A map size that holds {@code samples} lines whose image and label bytes sum to {@code payloadBytes}:
     * each image goes to its own overflow pages (rounded up to a page), keys and labels sit in leaf pages
     * that splits leave at least half full, plus room for branch pages and pages freed by earlier batches.
     */
    public static long mapSizeFor(long samples, long payloadBytes) {
        long perSample = PAGE + 2 * (2 * 16 + 2 * 32); // image rounding + two keys and node headers, half-full leaves
        long bytes = payloadBytes + samples * perSample;
        return roundToPage(bytes + bytes / 4 + 64 * PAGE + (1L << 20));
    }

    private static long roundToPage(long bytes) {
        return (bytes + PAGE - 1) / PAGE * PAGE;
    }

    /** Adds the next sample (numbered from 1). */
    public void add(byte[] image, String label) {
        pendingImages.add(image);
        pendingLabels.add(label);
        if (pendingImages.size() >= BATCH) {
            flush(false);
        }
    }

    /** Samples added so far. */
    public long count() {
        return count + pendingImages.size();
    }

    /** How many times the map had to grow (0 when {@link #mapSizeFor} was right). */
    public int growths() {
        return growths;
    }

    /** Commits the pending samples (and {@code num-samples} when {@code last}), growing the map when full. */
    private void flush(boolean last) {
        while (true) {
            try (Txn<byte[]> txn = env.txnWrite()) {
                long n = count;
                for (int i = 0; i < pendingImages.size(); i++) {
                    n++;
                    put(txn, "image-" + DatasetExporter.zeroPadded(n, 9), pendingImages.get(i));
                    put(txn, "label-" + DatasetExporter.zeroPadded(n, 9), pendingLabels.get(i).getBytes(StandardCharsets.UTF_8));
                }
                if (last) {
                    put(txn, "num-samples", Long.toString(n).getBytes(StandardCharsets.US_ASCII));
                }
                txn.commit();
                count = n;
                pendingImages.clear();
                pendingLabels.clear();
                return;
            } catch (Env.MapFullException full) {
                // the transaction is aborted by close(); redo the batch in a larger map
                mapSize *= 2;
                growths++;
                env.setMapSize(mapSize);
            } catch (LmdbException e) {
                throw new FontganException(dir, "cannot write the LMDB database: " + e.getMessage(), e);
            }
        }
    }

    private void put(Txn<byte[]> txn, String k, byte[] v) {
        db.put(txn, k.getBytes(StandardCharsets.US_ASCII), v);
    }

    /** Commits the rest and {@code num-samples} and writes the database to disk; then {@link #close}. */
    public void finish() {
        flush(true);
        try {
            env.sync(true);
        } catch (LmdbException e) {
            throw new FontganException(dir, "cannot write the LMDB database: " + e.getMessage(), e);
        }
    }

    /** Closes the database; samples added since the last commit are dropped unless {@link #finish} ran. */
    @Override
    public void close() {
        env.close();
    }
}
