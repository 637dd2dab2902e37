package dev.fontgan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident memory as Linux reports it in /proc/self/status (Java heap and native together). */
public final class ProcessMemory {
    private ProcessMemory() {}

    /** Resident memory now (VmRSS), MB; -1 where /proc is missing. */
    public static double residentMb() {
        return statusMb("VmRSS:");
    }

    /** Peak resident memory so far (VmHWM), MB; -1 where /proc is missing. */
    public static double peakResidentMb() {
        return statusMb("VmHWM:");
    }

    private static double statusMb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
