package dev.fontgan.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fontgan bench ...}: speed measurements; one subcommand per area. */
@Command(name = "bench", description = "Measure speed: raster, train, infer, dataset.",
        subcommands = {BenchRasterCommand.class, BenchTrainCommand.class, BenchInferCommand.class,
                BenchDatasetCommand.class, BenchMemoryCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a benchmark: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
