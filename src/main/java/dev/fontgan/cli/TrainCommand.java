package dev.fontgan.cli;

import picocli.CommandLine.Command;

/** {@code fontgan train zi2zi|bicycle ...}: model training commands. */
@Command(name = "train", description = "Train a style-transfer model on a glyph dataset.",
        subcommands = {TrainZi2ziCommand.class, TrainBicycleCommand.class})
final class TrainCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
