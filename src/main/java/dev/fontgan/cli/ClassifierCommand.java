package dev.fontgan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code fontgan classifier train|eval}: the glyph classifier behind content/style accuracy and glyph-FID. */
@Command(name = "classifier",
        description = "Train or evaluate the glyph classifier (content and style accuracy, glyph-FID features).",
        subcommands = {ClassifierTrainCommand.class, ClassifierEvalCommand.class})
final class ClassifierCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
