package io.contrast4j.trainer.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsed command-line arguments of one command: {@code --name value}, {@code --name=value}, boolean switches and
 * positionals. Repeatable options (such as {@code --param}) keep every value. Unknown options are refused.
 */
public final class Args {
    private final String command;
    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private Args(String command) {
        this.command = command;
    }

    /**
     * @param valued   options that take a value
     * @param switches options that take none
     */
    public static Args parse(String command, String[] argv, int from, Set<String> valued, Set<String> switches) {
        Args a = new Args(command);
        String usage = "c4j " + command + " --help";
        for (int i = from; i < argv.length; i++) {
            String s = argv[i];
            if (s.equals("--")) {
                for (int j = i + 1; j < argv.length; j++) a.positionals.add(argv[j]);
                break;
            }
            if (s.startsWith("--")) {
                String name = s.substring(2), value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (switches.contains(name)) {
                    if (value != null) throw new UsageException("option --" + name + " takes no value", usage);
                    a.options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
                } else if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= argv.length || argv[i + 1].startsWith("--")) throw new UsageException("option --" + name + " needs a value", usage);
                        value = argv[++i];
                    }
                    a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } else {
                    throw new UsageException("unknown option --" + name + " for 'c4j " + command + "'", usage);
                }
            } else {
                a.positionals.add(s);
            }
        }
        return a;
    }

    public String command() {
        return command;
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public String get(String name, String def) {
        List<String> v = options.get(name);
        return v == null ? def : v.get(v.size() - 1);
    }

    public List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    public int getInt(String name, int def) {
        String v = get(name, null);
        if (v == null) return def;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " must be an integer, got '" + v + "'", "c4j " + command + " --help");
        }
    }

    public double getDouble(String name, double def) {
        String v = get(name, null);
        if (v == null) return def;
        try {
            double d = Double.parseDouble(v);
            if (Double.isNaN(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " must be a number, got '" + v + "'", "c4j " + command + " --help");
        }
    }

    public List<String> positionals() {
        return positionals;
    }

    public Map<String, List<String>> options() {
        return options;
    }
}
