package io.contrast4j.samplers.corpus;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Input;
import io.contrast4j.autograd.registry.Registered;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * S215 · Citation/link-graph hard negatives (<i>BiCA: Effective Biomedical Dense Retrieval with
 * Citation-Aware Hard Negatives</i>). Documents linked to a query's positive (the ones it cites, and with
 * {@code undirected} the ones citing it) are related but not duplicates, hence hard negatives for its queries. Per row:
 * the positive's link neighbours minus the positive and the row's excluded ids, ordered by teacher score s(q,d)
 * (hardest first, ties by lower id), give up to {@code round(citation_fraction · k)} negatives; the rest is filled from
 * the row's S201 negatives (in their order, skipping duplicates), and, if those run out, from further neighbours.
 * No randomness. Defaults: citation_fraction 0.5, undirected true. Rule from the abstract [A]; the mixing proportion
 * is this library's choice.
 */
public final class CitationNegatives implements Registered {
    public static final CatalogInfo INFO = new CatalogInfo("S215", "Citation/link-graph hard negatives (BiCA)", "corpus-mining", "T2",
            "BiCA: Effective Biomedical Dense Retrieval with Citation-Aware Hard Negatives",
            "negatives(q) = top-s(q,·) link neighbours of its positive (fraction of k) + S201 negatives");

    private final int[][] neighbours;
    private final double citationFraction;

    /**
     * @param links            {@code links[d]}: documents that d cites (ids in [0, links.length))
     * @param undirected       also treat "cited by" as a link
     * @param citationFraction share of the k negatives taken from links, in [0, 1]
     */
    public CitationNegatives(int[][] links, boolean undirected, double citationFraction) {
        if (links == null) throw new IllegalArgumentException("parameter 'links' must not be null");
        if (!(citationFraction >= 0 && citationFraction <= 1)) {
            throw new IllegalArgumentException("parameter 'citation_fraction' must be in [0, 1], got " + citationFraction);
        }
        int n = links.length;
        List<Set<Integer>> nb = new ArrayList<>(n);
        for (int i = 0; i < n; i++) nb.add(new HashSet<>());
        for (int d = 0; d < n; d++) {
            if (links[d] == null) continue;
            for (int c : links[d]) {
                if (c < 0 || c >= n) throw new IllegalArgumentException("links[" + d + "] holds id " + c + " out of range [0, " + n + ")");
                if (c == d) continue;
                nb.get(d).add(c);
                if (undirected) nb.get(c).add(d);
            }
        }
        this.neighbours = new int[n][];
        for (int d = 0; d < n; d++) {
            neighbours[d] = nb.get(d).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        this.citationFraction = citationFraction;
    }

    public CitationNegatives(int[][] links) {
        this(links, true, 0.5);
    }

    /** Sorted link neighbours of document {@code doc}. */
    public int[] neighbours(int doc) {
        if (doc < 0 || doc >= neighbours.length) throw new IllegalArgumentException("doc " + doc + " out of range [0, " + neighbours.length + ")");
        return neighbours[doc].clone();
    }

    /**
     * k negatives per row mixing link neighbours of the positive with {@code mined} (S201 output; may be null).
     *
     * @param source    teacher (candidate source) giving s(q,d); its corpus must be the link graph's documents
     * @param positives positive per row
     * @param exclude   per row, ids never returned (may be null; rows may be null)
     */
    public MinedNegatives mine(CandidateSource source, int[] positives, int[][] exclude, MinedNegatives mined, int k) {
        if (source == null) throw new IllegalArgumentException("parameter 'source' must not be null");
        if (k < 1) throw new IllegalArgumentException("parameter 'k' must be >= 1, got " + k);
        if (source.corpusSize() != neighbours.length) {
            throw new IllegalArgumentException("source corpus has " + source.corpusSize() + " documents, link graph has " + neighbours.length);
        }
        int n = source.numQueries();
        if (positives == null || positives.length != n) throw new IllegalArgumentException("positives must have one id per query row (" + n + ")");
        if (exclude != null && exclude.length != n) throw new IllegalArgumentException("exclude must have " + n + " rows, got " + exclude.length);
        if (mined != null && mined.rows() != n) throw new IllegalArgumentException("mined must have " + n + " rows, got " + mined.rows());
        int quota = (int) Math.round(citationFraction * k);
        int[][] ids = new int[n][];
        double[][] scores = new double[n][];
        double[] pos = new double[n];
        long candidates = 0;
        int rowsShort = 0;
        for (int q = 0; q < n; q++) {
            int p = positives[q];
            if (p < 0 || p >= neighbours.length) throw new IllegalArgumentException("positives[" + q + "] = " + p + " out of range [0, " + neighbours.length + ")");
            Set<Integer> banned = new HashSet<>();
            banned.add(p);
            if (exclude != null && exclude[q] != null) for (int e : exclude[q]) banned.add(e);
            pos[q] = source.score(q, p);
            List<Integer> links = new ArrayList<>();
            for (int d : neighbours[p]) if (!banned.contains(d)) links.add(d);
            candidates += links.size();
            double[] s = new double[neighbours.length];
            for (int d : links) s[d] = source.score(q, d);
            links.sort((a, b) -> s[a] != s[b] ? Double.compare(s[b], s[a]) : Integer.compare(a, b));
            List<Integer> out = new ArrayList<>();
            Set<Integer> used = new HashSet<>();
            int li = 0;
            while (out.size() < quota && li < links.size()) {
                int d = links.get(li++);
                out.add(d);
                used.add(d);
            }
            if (mined != null) {
                for (int d : mined.ids()[q]) {
                    if (out.size() >= k) break;
                    if (!banned.contains(d) && used.add(d)) out.add(d);
                }
            }
            while (out.size() < k && li < links.size()) {
                int d = links.get(li++);
                if (used.add(d)) out.add(d);
            }
            ids[q] = out.stream().mapToInt(Integer::intValue).toArray();
            scores[q] = new double[ids[q].length];
            for (int j = 0; j < ids[q].length; j++) scores[q][j] = source.score(q, ids[q][j]);
            if (ids[q].length < k) rowsShort++;
        }
        return new MinedNegatives(ids, scores, pos, new MiningStats(n, candidates, Map.of(), rowsShort));
    }

    @Override
    public CatalogInfo info() {
        return INFO;
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("citation_fraction", String.valueOf(citationFraction));
        return m;
    }

    @Override
    public List<Input> inputs() {
        return List.of(Input.ints("links", "N x *", "documents each document cites"), Input.ints("positives", "Q", "positive id per row"),
                Input.ints("mined", "Q x K", "S201 negatives to mix in").asOptional());
    }
}
