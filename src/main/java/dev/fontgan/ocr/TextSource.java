package dev.fontgan.ocr;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Where the text of dataset lines comes from: a corpus, a charset, or a weighted mix of them. */
public interface TextSource {
    /** One line of text drawn with {@code random}; already normalized (see {@link LineText#normalize}). */
    String draw(SplittableRandom random);

    /** What the summary says about this source. */
    Map<String, Object> describe();

    /** A weighted mix: each line comes from one source, picked by weight. */
    static TextSource mix(List<TextSource> sources, double[] weights) {
        if (sources.size() == 1) {
            return sources.get(0);
        }
        double[] cumulative = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
        double total = sum;
        return new TextSource() {
            @Override
            public String draw(SplittableRandom random) {
                double u = random.nextDouble() * total;
                for (int i = 0; i < cumulative.length; i++) {
                    if (u < cumulative[i]) {
                        return sources.get(i).draw(random);
                    }
                }
                return sources.get(sources.size() - 1).draw(random);
            }

            @Override
            public Map<String, Object> describe() {
                List<Object> parts = new java.util.ArrayList<>();
                for (int i = 0; i < sources.size(); i++) {
                    Map<String, Object> d = new java.util.LinkedHashMap<>(sources.get(i).describe());
                    d.put("weight", weights[i] / total);
                    parts.add(d);
                }
                return dev.fontgan.Json.obj("kind", "mix", "sources", parts);
            }
        };
    }
}
