import java.util.HashMap;
import java.util.Map;

/** key=value command-line options; the first bare words are positional. */
final class Args {
    final Map<String, String> options = new HashMap<>();
    final java.util.List<String> positional = new java.util.ArrayList<>();

    Args(String[] argv) {
        for (String arg : argv) {
            int eq = arg.indexOf('=');
            if (eq > 0) options.put(arg.substring(0, eq), arg.substring(eq + 1));
            else positional.add(arg);
        }
    }

    String get(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    String require(String name) {
        String value = options.get(name);
        if (value == null) throw new IllegalArgumentException("missing " + name + "=");
        return value;
    }

    boolean has(String name) {
        return options.containsKey(name);
    }
}
