package dev.fontgan.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fontgan gan ...}: the catalogue of GAN variants on glyph data. */
@Command(name = "gan", description = "Train, sample and evaluate the GAN variants on glyph data.",
        subcommands = {GanListCommand.class, GanTrainCommand.class, GanSampleCommand.class, GanEvalCommand.class})
final class GanCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose one of: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
