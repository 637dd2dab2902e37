package dev.fontgan.font;

import dev.fontgan.FontganException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsed fonts by file and member, so a font is parsed once per process (parsing takes
 * 70-600 ms). Keyed by the real path, size and modification time: a changed file is re-read.
 * Keeps the most recently used fonts up to a small limit (large CJK fonts hold megabytes).
 */
final class FontCache {
    private static final FontCache SHARED = new FontCache(24);

    private final int capacity;
    private final Map<String, FontFile> fonts;

    FontCache(int capacity) {
        this.capacity = capacity;
        this.fonts = new LinkedHashMap<>(16, 0.75f, true);
    }

    static FontCache shared() {
        return SHARED;
    }

    FontFile open(Path path, int member, String memberName) {
        String key = key(path, member, memberName);
        synchronized (this) {
            FontFile f = fonts.get(key);
            if (f != null) {
                return f;
            }
        }
        FontFile loaded = FontFile.load(path, member, memberName);
        synchronized (this) {
            FontFile raced = fonts.get(key);
            if (raced != null) {
                return raced;
            }
            if (memberName != null) {
                // The same member may already be cached by index: share one instance.
                String byIndex = key(path, loaded.member(), null);
                FontFile existing = fonts.get(byIndex);
                if (existing != null && existing.sha256().equals(loaded.sha256())) {
                    loaded = existing;
                } else {
                    fonts.put(byIndex, loaded);
                }
            }
            fonts.put(key, loaded);
            while (fonts.size() > capacity) {
                String eldest = fonts.keySet().iterator().next();
                fonts.remove(eldest);
            }
            return loaded;
        }
    }

    private static String key(Path path, int member, String memberName) {
        if (!Files.exists(path)) {
            throw new FontganException(path, "no such file");
        }
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return path.toRealPath() + "|" + a.size() + "|" + a.lastModifiedTime().toMillis()
                    + "|" + member + "|" + (memberName == null ? "" : memberName.toLowerCase(java.util.Locale.ROOT));
        } catch (IOException e) {
            throw new FontganException(path, "cannot read: " + dev.fontgan.AtomicFile.describe(e), e);
        }
    }
}
