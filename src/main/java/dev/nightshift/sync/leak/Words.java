package dev.nightshift.sync.leak;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The runs of two to {@value #MAX_WORDS} consecutive words of a text, in {@link Fingerprinter#normalize} form and
 * joined by one space: how an original of several words ("Mary Smith", "12 Baker Street") is found inside
 * free text ("please call Mary Smith tomorrow"). Single words are not runs: a long common word may well be
 * some masked column's whole original without anything having leaked.
 */
final class Words {

    static final int MAX_WORDS = 4;

    private Words() {
    }

    static void runs(String text, Consumer<String> run) {
        List<String> words = split(text);
        if (words.size() < 2) {
            return;
        }
        StringBuilder joined = new StringBuilder();
        for (int start = 0; start < words.size(); start++) {
            joined.setLength(0);
            joined.append(words.get(start));
            for (int n = 2; n <= MAX_WORDS && start + n <= words.size(); n++) {
                joined.append(' ').append(words.get(start + n - 1));
                run.accept(joined.toString());
            }
        }
    }

    /** Words: runs of letters, digits, apostrophes, hyphens and dots, lower-cased. */
    private static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        int length = text.length();
        int i = 0;
        while (i < length) {
            while (i < length && !wordChar(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && wordChar(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(Fingerprinter.normalize(text.substring(start, i)));
            }
        }
        return words;
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '\'' || c == '-' || c == '.';
    }
}
