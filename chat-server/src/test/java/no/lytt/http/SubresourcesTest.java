package no.lytt.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubresourcesTest {
  private static final Map<String, String> FILES = Map.of(
      "/js/app.js", """
          // import { not } from './comment.js' is a comment, not an import
          import { a } from './lib/a.js';
          import {
            b,
          } from "./lib/b.js";
          import './side-effect.js';
          const later = () => import('./lazy.js');
          """,
      "/js/lib/a.js", "export * from './c.js';\nexport const a = 1;\n",
      "/js/lib/b.js", "import { a } from './a.js';\nexport const b = a;\n",
      "/js/lib/c.js", "export const c = 3;\n",
      "/js/side-effect.js", "globalThis.x = 1;\n",
      "/js/old.js", "location.replace('/too-old.html');\n",
      "/css/site.css", "body { color: black; }\n");

  private final Subresources subresources = new Subresources(path ->
      FILES.containsKey(path) ? FILES.get(path).getBytes(StandardCharsets.UTF_8) : null);

  private static String sri(String path) {
    return Subresources.sha384(FILES.get(path).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theDigestIsSriSha384() {
    // SHA-384 of the empty string, as SRI writes it: standard base64 with padding.
    assertEquals("sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb",
        Subresources.sha384(new byte[0]));
  }

  @Test
  void everyScriptAndStyleSheetGetsItsIntegrityAndEachModuleItsStaticGraphAsPreloads() {
    String page = """
        <head>
          <link rel="icon" href="/favicon.svg">
          <link rel="stylesheet" href="/css/site.css">
          <script type="module" src="/js/app.js"></script>
          <script nomodule src="/js/old.js"></script>
        </head>
        """;
    String expected = """
        <head>
          <link rel="icon" href="/favicon.svg">
          <link rel="stylesheet" href="/css/site.css" integrity="%s">
          <link rel="modulepreload" href="/js/lib/a.js" integrity="%s">
          <link rel="modulepreload" href="/js/lib/c.js" integrity="%s">
          <link rel="modulepreload" href="/js/lib/b.js" integrity="%s">
          <link rel="modulepreload" href="/js/side-effect.js" integrity="%s">
          <script type="module" src="/js/app.js" integrity="%s"></script>
          <script nomodule src="/js/old.js" integrity="%s"></script>
        </head>
        """.formatted(sri("/css/site.css"), sri("/js/lib/a.js"), sri("/js/lib/c.js"), sri("/js/lib/b.js"),
        sri("/js/side-effect.js"), sri("/js/app.js"), sri("/js/old.js"));
    assertEquals(expected, subresources.apply(page),
        "static imports and re-exports are preloaded once each; comments and dynamic import() are not");
  }

  @Test
  void aModuleDeclaredForLaterGetsTheIntegrityOfItsGraphLessWhatThePageAlreadyPreloads() {
    String page = """
        <head>
          <script type="module" src="/js/lib/b.js"></script>
          <meta name="lytt-later" content="/js/app.js">
        </head>
        """;
    String expected = """
        <head>
          <link rel="modulepreload" href="/js/lib/a.js" integrity="%s">
          <link rel="modulepreload" href="/js/lib/c.js" integrity="%s">
          <script type="module" src="/js/lib/b.js" integrity="%s"></script>
          <meta name="lytt-module" data-for="/js/app.js" content="/js/side-effect.js %s">
          <meta name="lytt-module" data-for="/js/app.js" content="/js/app.js %s">
        </head>
        """.formatted(sri("/js/lib/a.js"), sri("/js/lib/c.js"), sri("/js/lib/b.js"), sri("/js/side-effect.js"),
        sri("/js/app.js"));
    assertEquals(expected, subresources.apply(page),
        "nothing the page loads at once is listed again, and nothing listed is fetched until asked for");
  }

  @Test
  void aPageNamingAMissingOrForeignScriptStopsStartUp() {
    IllegalStateException missing = assertThrows(IllegalStateException.class,
        () -> subresources.apply("<script src=\"/js/gone.js\"></script>"));
    assertTrue(missing.getMessage().contains("/js/gone.js"), missing.getMessage());
    assertThrows(IllegalStateException.class,
        () -> subresources.apply("<script src=\"https://cdn.example/x.js\"></script>"));
    assertThrows(IllegalStateException.class, () -> subresources.apply("<script>alert(1)</script>"),
        "inline script has no place in a page the CSP would block it in");
  }
}
