package no.lytt.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Subresource integrity for the served pages, computed once at start from the very classpath
 * resources the static handler serves: every {@code <script src>} and style sheet gets
 * {@code integrity="sha384-…"}, so a page only runs code whose bytes match what the page names,
 * and the page itself becomes one commitment to all the code it loads (docs/crypto.md, "What the
 * server sees", on whoever controls the served JavaScript).
 *
 * <p>The limit, and how far it is pushed back: an {@code import} inside a module carries no
 * integrity of its own (HTML has no syntax for it; import maps' {@code integrity} needs an inline
 * script and is missing from Firefox 130 and Safari 17, our baseline). So for each module entry the
 * page also gets a {@code <link rel="modulepreload" integrity>} for every module in its
 * <em>static</em> import graph, placed before the entry. A browser fetches each preload once,
 * checks it, and keeps it in the document's module map, where every later {@code import} of that
 * URL finds it instead of fetching again. What stays uncovered are modules reached only by a
 * dynamic {@code import()}: those are checked by nothing but the same-origin CSP, unless the page
 * declares them.
 *
 * <p>A page declares a module it loads only later, when it is needed, with
 * {@code <meta name="lytt-later" content="/js/…">}. That tag becomes one
 * {@code <meta name="lytt-module" data-for="/js/…" content="<module> sha384-…">} for the module and
 * each module of its static graph the page has not already preloaded; nothing is fetched for them
 * at load. When the page wants the module, it turns them into {@code modulepreload} links carrying
 * that integrity and imports it once they have loaded (js/ui/checked-import.js), so a module
 * deferred to keep the first load small is checked like one the page loads at once.
 */
final class Subresources {
  private static final Pattern SCRIPT = Pattern.compile("<script\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern STYLESHEET =
      Pattern.compile("<link\\b[^>]*\\brel=\"stylesheet\"[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern SRC = Pattern.compile("\\b(?:src|href)=\"(/[^\"]*)\"");
  private static final Pattern MODULE = Pattern.compile("\\btype=\"module\"");
  private static final Pattern LATER =
      Pattern.compile("<meta\\s+name=\"lytt-later\"\\s+content=\"(/[^\"]*)\"\\s*/?>", Pattern.CASE_INSENSITIVE);
  /** {@code import x from '…'}, {@code import '…'}, {@code export … from '…'} at the start of a line. */
  private static final Pattern STATIC_IMPORT = Pattern.compile(
      "^[ \\t]*(?:import[ \\t\\n{*]|export[ \\t\\n{*])[^'\";]*?\\bfrom[ \\t]*['\"]([^'\"]+)['\"]"
          + "|^[ \\t]*import[ \\t]*['\"]([^'\"]+)['\"]", Pattern.MULTILINE);
  private final Function<String, byte[]> resources;

  /** @param resources bytes of the resource served at a path such as {@code /js/ui/visitor.js}, or null */
  Subresources(Function<String, byte[]> resources) {
    this.resources = resources;
  }

  /**
   * The page with integrity on every script and style sheet, module preloads before each module, and
   * the integrity of every module it declares for later.
   */
  String apply(String html) {
    Set<String> loaded = new LinkedHashSet<>();
    StringBuilder out = new StringBuilder();
    Matcher script = SCRIPT.matcher(html);
    int last = 0;
    while (script.find()) {
      String tag = script.group();
      String path = path(tag);
      int lineStart = html.lastIndexOf('\n', script.start()) + 1;
      String indent = html.substring(lineStart, script.start());
      out.append(html, last, script.start());
      if (MODULE.matcher(tag).find()) {
        Set<String> graph = new LinkedHashSet<>();
        collectImports(path, graph);
        for (String module : graph) {
          out.append("<link rel=\"modulepreload\" href=\"").append(module).append("\" integrity=\"")
              .append(integrity(module)).append("\">\n").append(indent.isBlank() ? indent : "");
        }
        loaded.add(path);
        loaded.addAll(graph);
      }
      out.append(withIntegrity(tag, path));
      last = script.end();
    }
    out.append(html.substring(last));
    String checked = STYLESHEET.matcher(out).replaceAll(m -> Matcher.quoteReplacement(withIntegrity(m.group(), path(m.group()))));
    return LATER.matcher(checked).replaceAll(m -> Matcher.quoteReplacement(later(m.group(1), loaded, indentOf(checked, m.start()))));
  }

  /** The integrity of `entry` and of each module of its static graph not in `loaded`, as meta tags. */
  private String later(String entry, Set<String> loaded, String indent) {
    Set<String> graph = new LinkedHashSet<>();
    collectImports(entry, graph);
    graph.add(entry);
    graph.removeAll(loaded);
    StringBuilder tags = new StringBuilder();
    for (String module : graph) {
      if (!tags.isEmpty()) {
        tags.append('\n').append(indent);
      }
      tags.append("<meta name=\"lytt-module\" data-for=\"").append(entry).append("\" content=\"")
          .append(module).append(' ').append(integrity(module)).append("\">");
    }
    return tags.toString();
  }

  private static String indentOf(String html, int at) {
    String indent = html.substring(html.lastIndexOf('\n', at) + 1, at);
    return indent.isBlank() ? indent : "";
  }

  /** SRI's format: the algorithm, a dash, the standard base64 of the digest (with padding). */
  static String sha384(byte[] bytes) {
    try {
      return "sha384-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-384").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-384 is part of every Java runtime", e);
    }
  }

  private String withIntegrity(String tag, String path) {
    if (tag.contains("integrity=")) {
      return tag;
    }
    int end = tag.endsWith("/>") ? tag.length() - 2 : tag.length() - 1;
    return tag.substring(0, end).stripTrailing() + " integrity=\"" + integrity(path) + "\"" + tag.substring(end);
  }

  /** Every module reachable from {@code module} through static imports, depth first, each once. */
  private void collectImports(String module, Set<String> graph) {
    Matcher m = STATIC_IMPORT.matcher(new String(bytes(module), StandardCharsets.UTF_8));
    while (m.find()) {
      String specifier = m.group(1) != null ? m.group(1) : m.group(2);
      String target = URI.create(module).resolve(specifier).getPath();
      if (graph.add(target)) {
        collectImports(target, graph);
      }
    }
  }

  private String integrity(String path) {
    return sha384(bytes(path));
  }

  private byte[] bytes(String path) {
    byte[] bytes = path.startsWith("/") && !path.contains("..") ? resources.apply(path) : null;
    if (bytes == null) {
      // A page that names a file the server cannot serve is broken for every visitor: say so at start.
      throw new IllegalStateException("A page references " + path + ", which is not in webroot on the classpath");
    }
    return bytes;
  }

  private static String path(String tag) {
    Matcher m = SRC.matcher(tag);
    if (!m.find()) {
      throw new IllegalStateException("Only same-origin, absolute src/href are served with integrity: " + tag);
    }
    return m.group(1);
  }
}
