package no.lytt.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Set;
import no.lytt.accounts.Account;
import no.lytt.accounts.Device;
import no.lytt.accounts.DeviceService;
import no.lytt.accounts.IssuedInvitation;
import no.lytt.accounts.Role;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;

/**
 * Accounts, devices and invitations as the administration API shows them, and the profile fields
 * it reads. An account view never carries a password hash or a second-factor secret, only whether
 * each exists.
 */
final class AccountViews {
  private AccountViews() {
  }

  static JsonObject account(Account a) {
    return new JsonObject().put("username", a.username()).put("displayName", a.displayName())
        .put("gender", a.gender().wire())
        .put("languages", new JsonArray(a.languages().stream().map(Language::code).sorted().toList()))
        .put("role", a.role().name().toLowerCase()).put("disabled", a.disabled())
        .put("password", a.passwordHash() != null).put("secondFactor", a.hasSecondFactor());
  }

  static JsonObject device(Device d) {
    JsonObject view = new JsonObject().put("deviceId", d.deviceId()).put("username", d.username())
        .put("idPub", d.idPub()).put("encPub", d.encPub()).put("fingerprint", DeviceService.fingerprint(d))
        .put("status", status(d)).put("registeredAt", d.registeredAt().toEpochMilli())
        .put("revokedAt", d.revoked() ? d.revokedAt().toEpochMilli() : null);
    if (d.certified()) {
      view.put("notBefore", d.certificate().get("notBefore")).put("notAfter", d.certificate().get("notAfter"));
    }
    return view;
  }

  static String status(Device d) {
    return d.revoked() ? "revoked" : d.certified() ? "certified" : "pending";
  }

  /** The link is the page with the token after '#': a fragment never reaches a server or a log. */
  static JsonObject invitation(IssuedInvitation i, String origin) {
    return new JsonObject().put("username", i.username()).put("link", origin + "/invite#" + i.token())
        .put("expiresAt", i.expiresAt().toEpochMilli());
  }

  static Gender gender(JsonObject b) {
    return Gender.fromWire(b.getValue("gender") instanceof String s ? s : "").filter(g -> g != Gender.UNSPECIFIED)
        .orElseThrow(() -> bad("Field 'gender' must be man or woman."));
  }

  static Set<Language> languages(JsonObject b) {
    if (!(b.getValue("languages") instanceof JsonArray list) || list.isEmpty() || list.size() > Language.values().length) {
      throw bad("Field 'languages' must list nb and/or en.");
    }
    Set<Language> out = EnumSet.noneOf(Language.class);
    for (Object o : list) {
      out.add(Language.fromCode(o instanceof String s ? s : "").orElseThrow(() -> bad("Field 'languages' must list nb and/or en.")));
    }
    return out;
  }

  static Role role(JsonObject b) {
    return switch (b.getValue("role") instanceof String s ? s : "") {
      case "counsellor" -> Role.COUNSELLOR;
      case "admin" -> Role.ADMIN;
      default -> throw bad("Field 'role' must be counsellor or admin.");
    };
  }

  static String text(JsonObject b, String field) {
    return b.getValue(field) instanceof String s ? s : "";
  }

  static LyttException bad(String message) {
    return new LyttException(ErrorCode.BAD_FRAME, message);
  }
}
