package io.contrast4j.samplers.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Default tokenizer for {@link Bm25}: lower-cases with {@link Locale#ROOT} and splits into maximal runs of
 * Unicode letters and digits ({@link Character#isLetterOrDigit(int)}); everything else separates tokens. No
 * stemming, no stop words.
 */
public final class SimpleTokenizer implements Function<String, List<String>> {
    /** Shared instance (stateless). */
    public static final SimpleTokenizer INSTANCE = new SimpleTokenizer();

    @Override
    public List<String> apply(String text) {
        if (text == null) throw new IllegalArgumentException("text must not be null");
        String s = text.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            boolean word = Character.isLetterOrDigit(cp);
            if (word && start < 0) start = i;
            if (!word && start >= 0) {
                out.add(s.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) out.add(s.substring(start));
        return out;
    }
}
