package io.contrast4j.samplers.mixing;

import io.contrast4j.autograd.DType;
import io.contrast4j.autograd.Rng;
import io.contrast4j.autograd.Tensor;
import io.contrast4j.autograd.registry.Params;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class AdversarialAndRuleTest {

    @Test
    void clapsNegativeStepsAgainstTheNormalisedGradient() {
        // log-likelihood = Σ h ⊙ t, gradient t: row (3, 4) -> unit (0.6, 0.8); H̃ = H − 0.5·(0.6, 0.8)
        Tensor h = Tensor.fromArray(new double[][]{{1, 1}});
        Tensor t = Tensor.fromArray(new double[][]{{3, 4}});
        AdversarialPerturbation a = new AdversarialPerturbation(0.5, 5, 0.1, 8);
        AdversarialPerturbation.Plan p = a.negative(h, x -> x.mul(t).sum());
        assertArrayEquals(new double[]{0.7, 0.6}, AdversarialPerturbation.apply(h, p).toDoubleArray(), 1e-12);
        // positive: KL proxy = ‖H⁺ − H‖² ≤ 0.1 -> η = 5 halved to 5/16 (0.0977 ≤ 0.1)
        AdversarialPerturbation.Plan q = a.positive(h, x -> x.mul(t).sum(), (x, y) -> x.sub(y).square().sum());
        assertEquals(5 / 16.0, q.step(), 1e-12);
        AdversarialPerturbation.Plan none = new AdversarialPerturbation(0.5, 5, 0.1, 1).positive(h, x -> x.mul(t).sum(), (x, y) -> x.sub(y).square().sum());
        assertEquals(0, none.step(), "KL bound never met: H⁺ = H");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AdversarialPerturbation(0, 1, 1, 1)).getMessage().contains("eps"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void clapsNegativeLowersTheLikelihood(long seed) {
        Rng rng = new Rng(seed);
        Tensor h = Tensor.randn(DType.F64, rng, 4, 5), t = Tensor.randn(DType.F64, rng, 4, 5);
        java.util.function.Function<Tensor, Tensor> ll = x -> x.mul(t).sum(1).sigmoid().log().sum();
        AdversarialPerturbation.Plan p = new AdversarialPerturbation(0.01, 5, 0.1, 8).negative(h, ll);
        assertTrue(ll.apply(AdversarialPerturbation.apply(h, p)).item() < ll.apply(h).item(), "seed " + seed);
        double[] d = p.direction().toDoubleArray();
        for (int r = 0; r < 4; r++) {
            double s = 0;
            for (int j = 0; j < 5; j++) s += d[r * 5 + j] * d[r * 5 + j];
            assertEquals(1, s, 1e-9, "seed " + seed + ": unit rows");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void damlGeneratorTrainsTowardsHardNegatives(long seed) {
        Rng rng = new Rng(seed);
        AdversarialNegativeGenerator g = new AdversarialNegativeGenerator(4, 8, 0.05, 0, 1, 0, 1, 2, DType.F64, rng);
        assertEquals(AdversarialNegativeGenerator.Phase.METRIC_ONLY, g.phase(0));
        assertEquals(AdversarialNegativeGenerator.Phase.GENERATOR_ONLY, g.phase(2));
        assertEquals(AdversarialNegativeGenerator.Phase.BOTH, g.phase(3));
        Tensor a = Tensor.randn(DType.F64, rng, 6, 4), p = Tensor.randn(DType.F64, rng, 6, 4), n = Tensor.randn(DType.F64, rng, 6, 4);
        double before = g.generatorLoss(a, p, n).item();
        for (int it = 0; it < 300; it++) {
            Tensor l = g.generatorLoss(a, p, n);
            for (Tensor t : g.parameters()) t.zeroGrad();
            l.backward();
            for (Tensor t : g.parameters()) t.assign(t.detach().sub(t.grad().mul(2.0)).storage());
        }
        double after = g.generatorLoss(a, p, n).item();
        assertTrue(after < 0.7 * before, "seed " + seed + ": g_hard " + before + " -> " + after);
        assertArrayEquals(new int[]{6, 4}, g.generate(a, p, n).shape());
    }

    @Test
    void damlLossesHandComputed() {
        AdversarialNegativeGenerator g = new AdversarialNegativeGenerator(2, 2, 0.5, 1, 1, 1, 0, 0, DType.F64, new Rng(1));
        Tensor a = Tensor.fromArray(new double[][]{{1, 0}}), p = Tensor.fromArray(new double[][]{{0, 2}}), s = Tensor.fromArray(new double[][]{{-3, 0}});
        // d(a,p) = √2, d(a,ñ) = 2: [√2 − 2 + 0.5]₊ = 0 ; margin 1 -> √2 − 1
        assertEquals(0, g.synthLoss(a, p, s).item(), 1e-9);
        AdversarialNegativeGenerator g1 = new AdversarialNegativeGenerator(2, 2, 1, 1, 1, 1, 0, 0, DType.F64, new Rng(1));
        assertEquals(Math.sqrt(2) - 1, g1.synthLoss(a, p, s).item(), 1e-9);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> g.synthLoss(a, p, Tensor.zeros(DType.F64, 2, 2))).getMessage().contains("T x 2"));
    }

    @Test
    void ruleNegativesHandComputed() {
        assertEquals("The tower is not 330 m tall.", RuleHardNegatives.apply(RuleHardNegatives.Kind.NEGATION, "The tower is 330 m tall.", null, new Rng(1)));
        assertEquals("The tower is 330 m tall.", RuleHardNegatives.apply(RuleHardNegatives.Kind.NEGATION, "The tower is not 330 m tall.", null, new Rng(1)));
        assertEquals("It does work", RuleHardNegatives.apply(RuleHardNegatives.Kind.NEGATION, "It doesn't work", null, new Rng(1)));
        String num = RuleHardNegatives.apply(RuleHardNegatives.Kind.NUMBER_SWAP, "built in 1889 by 300 men", null, new Rng(2));
        int year = Integer.parseInt(num.split(" ")[2]);
        assertTrue(year >= 1890 && year <= 1898, num);
        assertTrue(num.endsWith(" by 300 men"));
        assertEquals("Paris is south of Marseille and Lyon", RuleHardNegatives.apply(RuleHardNegatives.Kind.ENTITY_SWAP, "Paris is south of Lyon and Marseille", null, new Rng(1)));
        assertEquals("a Marseille is near Lyonnais", RuleHardNegatives.apply(RuleHardNegatives.Kind.WORD_SWAP, "a Lyonnais is near Marseille", null, new Rng(1)));
        assertEquals("It rains. Cats sleep.", RuleHardNegatives.apply(RuleHardNegatives.Kind.DROP_ANSWER, "It rains. The tower is 330 m tall. Cats sleep.", "how tall is the tower", new Rng(1)));
        assertNull(RuleHardNegatives.apply(RuleHardNegatives.Kind.NUMBER_SWAP, "no digits", null, new Rng(1)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void ruleNegativeChangesTheTextDeterministically(long seed) {
        RuleHardNegatives r = new RuleHardNegatives();
        String doc = "Paris hosted the Games in 1924. The Seine is long.";
        String a = r.generate(doc, "when did Paris host", new Rng(seed)), b = r.generate(doc, "when did Paris host", new Rng(seed));
        assertNotNull(a, "seed " + seed);
        assertNotEquals(doc, a, "seed " + seed);
        assertEquals(a, b, "seed " + seed);
        assertNull(r.generate("x", null, new Rng(seed)), "seed " + seed);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void ruleQueriesHandComputed(long seed) {
        RuleSyntheticQueries q = new RuleSyntheticQueries(4, 3, 2);
        String doc = "The Eiffel Tower stands in Paris. It was built for the fair.";
        assertEquals("the eiffel tower stands", q.titleQuery(doc));
        String span = q.span(doc, new Rng(seed));
        assertEquals(3, span.split(" ").length, "seed " + seed);
        assertTrue(String.join(" ", RuleSyntheticQueries.tokens(doc)).contains(span), "seed " + seed + ": contiguous span");
        assertEquals(span, q.span(doc, new Rng(seed)), "seed " + seed);
        List<String> corpus = List.of("the tower", "the paris", "the paris cafe");
        // idf(w) = ln((3+1)/(df+1)) + 1: the -> 1, tower -> ln2 + 1 ≈ 1.69, paris -> ln(4/3) + 1 ≈ 1.29; tf(the) = 2 -> 2
        assertEquals("the tower", q.topIdf("the tower the paris", corpus));
        assertEquals("who is Eiffel Tower?", q.templateQuestion(doc));
        assertEquals("what is Paris?", q.templateQuestion("It is in Paris today"));
        assertNull(q.templateQuestion("all lower case here"));
    }

    @Test
    void factoriesForTheNewMixers() {
        for (String id : new String[]{"S305", "S306", "S308", "S309"}) assertEquals(id, Mixers.create(id, Params.empty()).info().id());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Mixers.create("S309", Params.of(Map.of("k", "0")))).getMessage().contains("'k'"));
        assertEquals(9, Mixers.entries().size());
    }
}
