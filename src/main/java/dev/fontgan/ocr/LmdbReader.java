package dev.fontgan.ocr;

import dev.fontgan.FontganException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;

/** Reads a database {@link LmdbWriter} wrote, read-only and without a lock file, as trainers open one. */
public final class LmdbReader implements AutoCloseable {
    private final Path dir;
    private final Env<byte[]> env;
    private final Txn<byte[]> txn;
    private final Dbi<byte[]> db;
    private final long count;

    public LmdbReader(Path dir) {
        this.dir = dir;
        if (!Files.isRegularFile(dir.resolve("data.mdb"))) {
            throw new FontganException(dir, "no data.mdb: not an LMDB database");
        }
        Env<byte[]> opened = null;
        try {
            LmdbNativeLibrary.install();
            opened = Env.create(ByteArrayProxy.PROXY_BA).setMaxReaders(1)
                    .open(dir.toFile(), EnvFlags.MDB_RDONLY_ENV, EnvFlags.MDB_NOLOCK);
            db = opened.openDbi((byte[]) null);
            txn = opened.txnRead();
        } catch (LmdbException e) {
            if (opened != null) {
                opened.close();
            }
            throw new FontganException(dir, "cannot open the LMDB database: " + e.getMessage(), e);
        }
        env = opened;
        String n = new String(get("num-samples"), StandardCharsets.US_ASCII);
        try {
            count = Long.parseLong(n);
        } catch (NumberFormatException e) {
            close();
            throw new FontganException(dir, "num-samples is '" + n + "', expected a number");
        }
    }

    /** {@code num-samples}. */
    public long count() {
        return count;
    }

    /** The image file bytes of sample {@code i} (from 1). */
    public byte[] image(long i) {
        return get("image-" + DatasetExporter.zeroPadded(i, 9));
    }

    /** The label of sample {@code i} (from 1). */
    public String label(long i) {
        return new String(get("label-" + DatasetExporter.zeroPadded(i, 9)), StandardCharsets.UTF_8);
    }

    /** Key/value pairs stored, {@code num-samples} included. */
    public long entries() {
        return db.stat(txn).entries;
    }

    private byte[] get(String key) {
        byte[] v = db.get(txn, key.getBytes(StandardCharsets.US_ASCII));
        if (v == null) {
            throw new FontganException(dir, "has no key " + key);
        }
        return v;
    }

    @Override
    public void close() {
        txn.close();
        env.close();
    }
}
