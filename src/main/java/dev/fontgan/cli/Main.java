package dev.fontgan.cli;

import dev.fontgan.FontganException;
import dev.fontgan.TorchRuntime;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: parses the command line, runs one command, maps errors to one line and an exit code. */
@Command(name = "fontgan",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Font and handwriting style transfer with GANs.",
                "Add --debug anywhere to see stack traces of errors."},
        subcommands = {
                CommandLine.HelpCommand.class,
                TrainCommand.class,
                FontsCommand.class,
                GlyphsCommand.class,
                BenchCommand.class,
                RenderCommand.class,
                DatasetCommand.class,
                ClassifierCommand.class,
                ExportCommand.class,
                StylesCommand.class,
                EvalCommand.class,
                FinetuneCommand.class,
                GanCommand.class,
        })
public final class Main implements Callable<Integer> {
    /** Exit code for bad input (a file or value that cannot be used). Usage errors exit 2. */
    public static final int EXIT_BAD_INPUT = 1;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI in-process (tests use this); returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        TorchRuntime.configure();
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        String[] rest = java.util.Arrays.stream(args).filter(a -> !a.equals("--debug")).toArray(String[]::new);
        CommandLine cli = new CommandLine(new Main());
        addHelpOptions(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            Throwable cause = e;
            while (!(cause instanceof FontganException) && cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            if (cause instanceof FontganException fe) {
                err.println(fe.line());
                if (debug) {
                    e.printStackTrace(err);
                }
                return EXIT_BAD_INPUT;
            }
            if (debug) {
                e.printStackTrace(err);
            } else {
                err.println("error: internal: " + e + " (run with --debug for the stack trace)");
            }
            return 3;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("error: " + e.getMessage());
            e.getCommandLine().usage(err);
            return 2;
        });
        return cli.execute(rest);
    }

    /** Every command answers --help and --version, whether or not its class asked for them. */
    private static void addHelpOptions(CommandLine command) {
        command.getCommandSpec().mixinStandardHelpOptions(true);
        for (CommandLine sub : command.getSubcommands().values()) {
            addHelpOptions(sub);
        }
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    /** Reads the version from the jar manifest, falling back to the development marker. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"fontgan " + (v == null ? "dev" : v)};
        }
    }
}
