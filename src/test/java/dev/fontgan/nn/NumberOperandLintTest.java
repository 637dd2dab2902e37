package dev.fontgan.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps DJL's freed number operands (see {@link Scalars}) out of the code: every
 * {@code x.mul(number)} (div, pow, maximum, minimum) in src/main must either go through
 * {@link Scalars} or say, on its line or in a comment line just above, why no gradient reads it
 * ({@value #NO_GRADIENT}).
 *
 * <p>Java has no operator overloading, so an argument with a top-level arithmetic operator, a
 * numeric literal, a cast to a primitive, or an identifier the file declares as a primitive is a
 * number. A method call that returns a float (say {@code config.weight()}) is not seen: that is
 * this check's blind spot.
 */
class NumberOperandLintTest {
    static final String NO_GRADIENT = "number operand: no gradient";

    private static final Pattern CALL = Pattern.compile("\\.(mul|div|pow|maximum|minimum)\\(");
    private static final Pattern LITERAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?[fFdDlL]?");
    private static final Pattern CAST = Pattern.compile("\\((float|double|int|long)\\).*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");

    @Test
    void everyNumberOperandGoesThroughScalarsOrSaysWhyNot() throws IOException {
        List<String> offenders = new ArrayList<>();
        Path root = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                offenders.addAll(offenders(file, Files.readString(file)));
            }
        }
        assertTrue(offenders.isEmpty(), "number operands on a possible gradient path (use nn.Scalars, or mark the line '// "
                + NO_GRADIENT + ": why'):\n" + String.join("\n", offenders));
    }

    @Test
    void theCheckSeesNumbersAndLetsArraysAndMarkedLinesPass() {
        String source = """
                class X {
                    float weight = 2f;
                    void f(NDArray a, NDArray b, float lr, double beta) {
                        a.mul(0.5f);
                        a.div(lr);
                        a.pow((float) beta);
                        a.maximum(1f - lr);
                        a.mul(weight);
                        a.mul(b);
                        a.mul(Scalars.of(a, 2f));
                        a.div(b.sum().add(1f));
                        a.mul(1e-3f); // number operand: no gradient (optimizer state)
                        // number operand: no gradient (noise)
                        a.div(2f);
                        // unrelated comment
                        a.mul(3f);
                    }
                }
                """;
        List<String> found = offenders(Path.of("X.java"), source);
        assertEquals(List.of("X.java:4: a.mul(0.5f);", "X.java:5: a.div(lr);", "X.java:6: a.pow((float) beta);",
                "X.java:7: a.maximum(1f - lr);", "X.java:8: a.mul(weight);",
                "X.java:16: a.mul(3f);"), found);
    }

    static List<String> offenders(Path file, String source) {
        List<String> out = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String code = line.contains("//") ? line.substring(0, line.indexOf("//")) : line;
            boolean marked = line.contains(NO_GRADIENT) || i > 0 && lines[i - 1].trim().startsWith("//") && lines[i - 1].contains(NO_GRADIENT);
            if (marked || code.trim().startsWith("*")) {
                continue;
            }
            Matcher m = CALL.matcher(code);
            while (m.find()) {
                if (code.substring(0, m.start()).endsWith("Math")) {
                    continue;
                }
                String argument = argument(code, m.end());
                if (argument != null && isNumber(argument.trim(), source)) {
                    out.add(file + ":" + (i + 1) + ": " + line.trim());
                    break;
                }
            }
        }
        return out;
    }

    /** The text between the call's parentheses, or null when it runs past the line. */
    private static String argument(String code, int start) {
        int depth = 1;
        for (int j = start; j < code.length(); j++) {
            char c = code.charAt(j);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return code.substring(start, j);
            }
        }
        return null;
    }

    private static boolean isNumber(String argument, String source) {
        if (LITERAL.matcher(argument).matches() || CAST.matcher(argument).matches() || hasTopLevelArithmetic(argument)) {
            return true;
        }
        return IDENTIFIER.matcher(argument).matches()
                && Pattern.compile("\\b(float|double|int|long|Float|Double|Number)\\s+" + argument + "\\b").matcher(source).find();
    }

    private static boolean hasTopLevelArithmetic(String argument) {
        int depth = 0;
        for (int j = 1; j < argument.length(); j++) {
            char c = argument.charAt(j);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && "+-*/".indexOf(c) >= 0 && !isExponentSign(argument, j)) {
                return true;
            }
        }
        return false;
    }

    /** The sign inside a literal such as 1e-5f. */
    private static boolean isExponentSign(String s, int j) {
        return (s.charAt(j) == '-' || s.charAt(j) == '+') && j >= 2 && (s.charAt(j - 1) == 'e' || s.charAt(j - 1) == 'E')
                && Character.isDigit(s.charAt(j - 2));
    }
}
