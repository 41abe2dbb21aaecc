package no.lytt.client;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import no.lytt.crypto.CryptoException;
import no.lytt.lists.EntryRules;
import no.lytt.lists.ListKind;
import no.lytt.protocol.LyttException;

/**
 * A referral card as it travels inside a chat (docs/crypto.md, inner {@code {"t":"card",...}}): a
 * service's name, what it offers, how to reach it and its web address. Read by the same rules as
 * the referral directory it comes from, so a malformed card (a missing name, a web address that is
 * not https) is refused like any other bad inner message.
 */
public record ReferralCard(String name, String offers, String contact, String web) {

  JsonObject toInner() {
    return new JsonObject().put("t", "card").put("name", name).put("offers", offers).put("contact", contact)
        .put("web", web);
  }

  static ReferralCard fromInner(JsonObject inner) {
    Map<String, String> fields;
    try {
      for (String field : new String[] {"name", "offers", "contact", "web"}) {
        if (!(inner.getValue(field) instanceof String)) {
          throw new CryptoException(CryptoException.Reason.MALFORMED, "card field '" + field + "' is not text");
        }
      }
      fields = EntryRules.check(ListKind.REFERRALS, inner.getMap());
    } catch (LyttException e) {
      throw new CryptoException(CryptoException.Reason.MALFORMED, "malformed card: " + e.getMessage());
    }
    return new ReferralCard(fields.get("name"), fields.get("offers"), fields.get("contact"), fields.get("web"));
  }
}
