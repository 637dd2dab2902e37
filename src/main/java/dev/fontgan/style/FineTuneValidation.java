package dev.fontgan.style;

import dev.fontgan.Json;
import dev.fontgan.eval.Metrics;
import dev.fontgan.gan.StopSignal;
import dev.fontgan.zi2zi.TuningPairs;
import dev.fontgan.zi2zi.Zi2ziModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validation of a new-style fine-tune on glyphs of the K given that it does not train on, with
 * early stopping: it keeps the generator of the best validation SSIM and asks the training loop
 * to stop after {@code patience} validations without a gain. K glyphs over-fit quickly, and only
 * glyphs the model does not train on can tell when. The held-out (test split) characters are
 * scored along for the report's curve only; they never choose the step.
 */
final class FineTuneValidation {
    /** A gain smaller than this does not count (SSIM moves in the 4th digit from noise alone). */
    static final double MIN_GAIN = 1e-4;

    private final List<TuningPairs.Sample> validation;
    private final List<TuningPairs.Sample> heldOut;
    private final int patience;
    private final StopSignal stop;
    private final List<Object> curve = new ArrayList<>();
    private double bestSsim = Double.NEGATIVE_INFINITY;
    private long bestStep = -1;
    private byte[] bestGenerator;
    private int sinceBest;
    private boolean stoppedEarly;

    /**
     * @param heldOut characters reported along (may be empty), never used to choose
     * @param patience validations without a gain before stopping; 0 never stops early
     */
    FineTuneValidation(List<TuningPairs.Sample> validation, List<TuningPairs.Sample> heldOut, int patience,
            StopSignal stop) {
        if (validation.isEmpty()) {
            throw new IllegalArgumentException("no validation glyphs");
        }
        this.validation = validation;
        this.heldOut = heldOut;
        this.patience = patience;
        this.stop = stop;
    }

    /** Scores the model (eval mode); keeps its generator when it is the best so far. */
    Map<String, Float> validate(Zi2ziModel model, long step) {
        Metrics.Summary v = FineTune.score(model, validation);
        Map<String, Object> point = new LinkedHashMap<>(Json.obj("step", step, "val_l1", v.l1(), "val_ssim", v.ssim()));
        if (!heldOut.isEmpty()) {
            Metrics.Summary h = FineTune.score(model, heldOut);
            point.put("held_out_l1", h.l1());
            point.put("held_out_ssim", h.ssim());
        }
        curve.add(point);
        if (v.ssim() > bestSsim + MIN_GAIN) {
            bestSsim = v.ssim();
            bestStep = step;
            bestGenerator = model.saveGenerator();
            sinceBest = 0;
        } else if (patience > 0 && ++sinceBest >= patience) {
            stoppedEarly = true;
            stop.request();
        }
        Map<String, Float> logged = new LinkedHashMap<>();
        logged.put("val_l1", (float) v.l1());
        logged.put("val_ssim", (float) v.ssim());
        return logged;
    }

    /** The best generator's weights, or null before the first validation. */
    byte[] bestGenerator() {
        return bestGenerator;
    }

    long bestStep() {
        return bestStep;
    }

    boolean stoppedEarly() {
        return stoppedEarly;
    }

    /** What the report keeps: the curve, the best step and whether training stopped early. */
    Map<String, Object> toJson() {
        return Json.obj("chars", validation.size(), "patience", patience, "best_step", bestStep, "best_val_ssim",
                bestSsim, "stopped_early", stoppedEarly, "curve", new ArrayList<>(curve));
    }
}
