package no.lytt.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import no.lytt.protocol.LyttException;
import org.junit.jupiter.api.Test;

/** Ids made from labels, and what an entry's fields may be, without a server. */
class EntryRulesTest {

  @Test
  void idsAreShortAsciiSlugsOfTheLabel() {
    assertEquals("stottesenter-ost", Slugs.of("Støttesenter Øst"));
    assertEquals("blamann-aerlig", Slugs.of("  Blåmann – ærlig!  "));
    assertEquals("cafe-ole", Slugs.of("Café Olé"));
    assertEquals("item", Slugs.of("???"));
    String long_ = Slugs.of("a ".repeat(60));
    assertTrue(long_.length() <= 32 && Slugs.valid(long_) && !long_.endsWith("-"), long_);
    assertEquals("dixi-3", Slugs.attempt("dixi", 3));
    assertTrue(Slugs.valid(Slugs.attempt("x".repeat(32), 20)), "a suffixed id still fits 40 characters");
    assertFalse(Slugs.valid("Not-A-Slug"));
    assertFalse(Slugs.valid("a:b"), "nothing that could split a counter key");
  }

  @Test
  void aReferralsWebAddressIsHttpsWithAHostOrNothing() {
    assertTrue(EntryRules.isHttps("https://example.org/hjelp?x=1"));
    for (String bad : new String[] {"http://example.org", "https://", "https:///path", "javascript:alert(1)",
        "https://exa mple.org", "https://example.org/\"onmouseover=x", "HTTPS://example.org"}) {
      assertFalse(EntryRules.isHttps(bad), bad);
    }
    assertEquals("", EntryRules.check(ListKind.REFERRALS, Map.of("name", "DIXI")).get("web"), "optional fields may be left out");
    assertThrows(LyttException.class, () -> EntryRules.check(ListKind.REFERRALS, Map.of("name", "DIXI", "web", "ftp://x")));
  }

  @Test
  void fieldsAreTrimmedBoundedAndFreeOfControlCharacters() {
    assertEquals("Hei", EntryRules.check(ListKind.CANNED, Map.of("title", " Hei ", "text", "a\nb", "language", "nb"))
        .get("title"));
    assertThrows(LyttException.class, () -> EntryRules.check(ListKind.CANNED,
        Map.of("title", "Hei", "text", "a\u0000b", "language", "nb")));
    assertThrows(LyttException.class, () -> EntryRules.check(ListKind.CATEGORIES, Map.of("nb", "x".repeat(81), "en", "x")));
    assertThrows(LyttException.class, () -> EntryRules.check(ListKind.SOURCES, Map.of("nb", "Radio", "en", " ")));
  }
}
