package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.registry.Entry;
import io.contrast4j.autograd.registry.Kind;
import io.contrast4j.autograd.registry.Params;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class CorpusComponentsTest {
    @Test
    void entriesCoverTheImplementedIds() {
        List<String> ids = CorpusComponents.entries().stream().map(Entry::info).map(i -> i.id()).toList();
        assertEquals(List.of("S200", "S202", "S201", "S203", "S204", "S205", "S206", "S208", "S213", "S216", "S218",
                "S207", "S209", "S210", "S214", "S215", "S217", "S219"), ids);
        for (Entry e : CorpusComponents.entries()) assertEquals(Kind.CORPUS_MINING, e.info().kind());
    }

    @Test
    void factoriesByName() {
        assertEquals("relative_margin", CorpusComponents.filter("topk_percpos", Params.empty()).name());
        assertEquals(0.05, ((RelativeMarginFilter) CorpusComponents.filter("relative_margin", Params.empty())).relativeMargin());
        assertEquals("softmax", CorpusComponents.selector("softmax", Params.of(Map.of("temperature", 0.1))).name());
        assertEquals("every_steps", CorpusComponents.schedule("every_steps", Params.of(Map.of("every_steps", 5))).name());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CorpusComponents.filter("nope", Params.empty())).getMessage().contains("nope"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CorpusComponents.schedule("every_steps", Params.of(Map.of("every", 5)))).getMessage().contains("every"));
    }
}
