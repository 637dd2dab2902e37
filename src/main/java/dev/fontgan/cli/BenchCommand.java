package dev.fontgan.cli;

import picocli.CommandLine.Command;

/** {@code fontgan bench ...}: speed measurements. */
@Command(name = "bench", description = "Measure speed.", subcommands = {BenchTrainCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
