package dev.fontgan.cli;

import dev.fontgan.Progress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A terminal progress bar (rate and ETA) on stderr, so stdout stays clean for --json. */
final class ConsoleProgress implements Progress {
    private ProgressBar bar;

    static Progress create(boolean quiet) {
        return quiet ? Progress.NONE : new ConsoleProgress();
    }

    @Override
    public void start(String task, long total) {
        close();
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .showSpeed()
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .setMaxRenderedLength(110)
                .build();
    }

    @Override
    public void advance(long amount) {
        if (bar != null) {
            bar.stepBy(amount);
        }
    }

    @Override
    public void status(String text) {
        if (bar != null) {
            bar.setExtraMessage(text);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
