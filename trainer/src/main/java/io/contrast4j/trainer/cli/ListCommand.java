package io.contrast4j.trainer.cli;

import io.contrast4j.autograd.registry.CatalogInfo;
import io.contrast4j.autograd.registry.Entry;
import io.contrast4j.autograd.registry.Kind;
import io.contrast4j.nn.io.Json;
import io.contrast4j.trainer.Catalog;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code c4j list [KIND] [--json]}: the registry, one row per component. */
public final class ListCommand {
    static final String HELP = """
            usage: c4j list [KIND] [--json]
              KIND: losses, distances, reducers, samplers, miners, corpus-mining, mixing, reweighting,
                    encoders, modules, metrics, optimizers (default: all)
              --json      machine-readable output with IDs, names, tiers, papers, defaults and inputs
              --markdown  the catalog table of the README""";

    private ListCommand() {
    }

    public static int run(String[] argv, PrintStream out) {
        Args a = Args.parse("list", argv, 1, Set.of(), Set.of("json", "markdown", "help"));
        if (a.flag("help")) {
            out.println(HELP);
            return 0;
        }
        if (a.positionals().size() > 1) throw new UsageException("list takes at most one KIND", "c4j list --help");
        List<Entry> rows;
        if (a.positionals().isEmpty()) rows = Catalog.components();
        else {
            Kind k;
            try {
                k = Kind.ofPlural(a.positionals().get(0));
            } catch (IllegalArgumentException e) {
                throw new UsageException("unknown kind '" + a.positionals().get(0) + "'", "c4j list --help");
            }
            rows = Catalog.ofKind(k);
        }
        if (a.flag("markdown")) {
            out.print(markdown(rows));
            return 0;
        }
        if (a.flag("json")) {
            List<Json> items = new ArrayList<>();
            for (Entry e : rows) items.add(toJson(e));
            out.println(new Json.Arr(items).toJson());
            return 0;
        }
        out.printf("%-6s %-44s %-16s %-4s %s%n", "ID", "NAME", "FAMILY", "TIER", "PAPER");
        for (Entry e : rows) {
            CatalogInfo i = e.info();
            out.printf("%-6s %-44s %-16s %-4s %s%n", i.id(), trim(i.name(), 44), trim(i.family(), 16), i.tier(), trim(i.paper(), 70));
        }
        out.println(rows.size() + " components");
        return 0;
    }

    /** The README's catalog table: one row per registered catalog entry (ops and plain modules excluded), sorted by ID. */
    public static String markdown(List<Entry> rows) {
        StringBuilder sb = new StringBuilder("| ID | name | kind | tier | checks |\n|---|---|---|---|---|\n");
        rows.stream().filter(e -> e.info().kind() != Kind.OP && e.info().kind() != Kind.MODULE)
                .sorted(java.util.Comparator.comparing((Entry e) -> e.info().id().charAt(0)).thenComparing(e -> e.info().id()))
                .forEach(e -> sb.append("| ").append(e.info().id()).append(" | ").append(e.info().name().replace("|", "/")).append(" | ")
                        .append(e.info().kind().plural()).append(" | ").append(e.info().tier()).append(" | ")
                        .append(e.checks().isEmpty() ? "contract tests" : "gradcheck").append(" |\n"));
        return sb.toString();
    }

    private static String trim(String s, int n) {
        return s == null ? "" : s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    static Json toJson(Entry e) {
        CatalogInfo i = e.info();
        Map<String, Json> m = new LinkedHashMap<>();
        m.put("id", new Json.Str(i.id()));
        m.put("name", new Json.Str(i.name()));
        m.put("kind", new Json.Str(i.kind().plural()));
        m.put("family", new Json.Str(i.family()));
        m.put("tier", new Json.Str(i.tier()));
        m.put("paper", new Json.Str(i.paper()));
        m.put("formula", new Json.Str(i.formula()));
        Map<String, Json> d = new LinkedHashMap<>();
        e.component().defaults().forEach((k, v) -> d.put(k, new Json.Str(v)));
        m.put("defaults", new Json.Obj(d));
        List<Json> ins = new ArrayList<>();
        for (var in : e.component().inputs()) {
            Map<String, Json> im = new LinkedHashMap<>();
            im.put("name", new Json.Str(in.name()));
            im.put("type", new Json.Str(in.type().name().toLowerCase(java.util.Locale.ROOT)));
            im.put("shape", new Json.Str(in.shape()));
            im.put("optional", new Json.Bool(in.optional()));
            ins.add(new Json.Obj(im));
        }
        m.put("inputs", new Json.Arr(ins));
        m.put("gradchecks", Json.Num.of(e.checks().size()));
        return new Json.Obj(m);
    }
}
