package io.contrast4j.trainer.cli;

import io.contrast4j.autograd.check.GradCase;
import io.contrast4j.autograd.check.GradCheck;
import io.contrast4j.trainer.Catalog;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code c4j gradcheck [ID...]}: the float64 gradient check of ops, modules and losses as a table; exit 1 if any fails. */
public final class GradcheckCommand {
    static final String HELP = """
            usage: c4j gradcheck [ID...] [--seed N]
              Runs the float64 central-difference check (eps 1e-6, tol 1e-5 + 1e-3·|numeric|) of the named ops
              (OP.exp, ...), modules and losses (L011, ...), default all; exit code 1 if any fails.""";

    private GradcheckCommand() {
    }

    public static int run(String[] argv, PrintStream out) {
        Args a = Args.parse("gradcheck", argv, 1, Set.of("seed"), Set.of("help"));
        if (a.flag("help")) {
            out.println(HELP);
            return 0;
        }
        long seed = a.getInt("seed", 1);
        List<GradCase> all = Catalog.gradCases();
        List<GradCase> chosen = new ArrayList<>();
        if (a.positionals().isEmpty()) chosen = all;
        else {
            for (String id : a.positionals()) {
                List<GradCase> m = all.stream().filter(c -> c.id().equalsIgnoreCase(id) || c.id().toUpperCase().startsWith(id.toUpperCase() + ".")).toList();
                if (m.isEmpty()) throw new UsageException("no gradient check named '" + id + "'", "c4j list");
                chosen.addAll(m);
            }
        }
        out.printf("%-28s %12s %12s  %s%n", "ID", "WORST ABS", "WORST REL", "RESULT");
        int failed = 0;
        for (GradCase c : chosen) {
            GradCheck.Report r;
            try {
                r = c.run(seed);
            } catch (RuntimeException e) {
                failed++;
                out.printf("%-28s %12s %12s  ERROR %s%n", c.id(), "-", "-", e.getMessage());
                continue;
            }
            if (!r.passed()) failed++;
            out.printf("%-28s %12.3e %12.3e  %s%n", c.id(), r.worstAbs(), Math.min(r.worstRel(), 9.99e99), r.passed() ? "pass" : "FAIL");
        }
        out.println((chosen.size() - failed) + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
