package dev.fontgan;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where engine settings are made: DJL offline, libtorch thread counts, quiet logs.
 * Must run before the first DJL class loads the engine (the properties are read once).
 */
public final class TorchRuntime {
    private static volatile boolean configured;

    private TorchRuntime() {}

    /** Applies the settings once; later calls are no-ops. Values already given with -D win. */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        setDefault("ai.djl.offline", "true");
        setDefault("ai.djl.pytorch.num_threads", String.valueOf(Runtime.getRuntime().availableProcessors()));
        setDefault("ai.djl.pytorch.num_interop_threads", "1");
        setDefault("ai.djl.pytorch.graph_optimizer", "false");
        setDefault("java.awt.headless", "true");
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "error");
        // FontBox logs through commons-logging, which falls back to java.util.logging here.
        Logger.getLogger("").setLevel(Level.SEVERE);
        Logger.getLogger("org.apache.fontbox").setLevel(Level.OFF);
        configured = true;
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
