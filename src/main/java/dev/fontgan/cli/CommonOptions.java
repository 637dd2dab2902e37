package dev.fontgan.cli;

import dev.fontgan.Progress;
import picocli.CommandLine.Option;

/** Options every long-running command shares; mixed in with {@code @Mixin}. */
final class CommonOptions {
    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    Progress progress() {
        return ConsoleProgress.create(quiet || System.console() == null && System.getenv("FONTGAN_PROGRESS") == null);
    }
}
