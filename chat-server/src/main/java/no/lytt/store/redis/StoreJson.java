package no.lytt.store.redis;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import no.lytt.accounts.Account;
import no.lytt.accounts.Device;
import no.lytt.accounts.Invitation;
import no.lytt.accounts.Role;
import no.lytt.accounts.Session;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;
import no.lytt.queue.Preference;
import no.lytt.queue.QueueEntry;
import no.lytt.relay.Chat;
import no.lytt.relay.ChatOffer;
import no.lytt.relay.ChatState;

/**
 * How records are written into Redis values. Instants are strings (ISO-8601): Lua's cjson would
 * turn large numbers into floats, and the scripts only ever read the string fields.
 */
final class StoreJson {
  private StoreJson() {
  }

  static String entry(QueueEntry e) {
    return new JsonObject().put("id", e.id()).put("tokenHash", e.tokenHash())
        .put("preference", e.preference().wire()).put("language", e.language().code())
        .put("joinedAt", e.joinedAt().toString()).encode();
  }

  static QueueEntry entry(String json) {
    JsonObject o = new JsonObject(json);
    return new QueueEntry(o.getString("id"), o.getString("tokenHash"),
        Preference.fromWire(o.getString("preference")).orElseThrow(),
        Language.fromCode(o.getString("language")).orElseThrow(), Instant.parse(o.getString("joinedAt")));
  }

  /** The parts of a chat fixed at dispatch, apart from the visitor (copied by the script). */
  static String chatMeta(String chatId, String counsellor, String deviceId, ChatOffer offer) {
    return new JsonObject().put("chatId", chatId).put("counsellor", counsellor).put("deviceId", deviceId)
        .put("offer", new JsonObject().put("chatPub", offer.chatPub()).put("chatKeySig", offer.chatKeySig())
            .put("certificate", new JsonObject(offer.certificate()))).encode();
  }

  /** A chat from its hash fields. */
  static Chat chat(Map<String, String> fields) {
    JsonObject meta = new JsonObject(fields.get("meta"));
    JsonObject offer = meta.getJsonObject("offer");
    ChatState state = "open".equals(fields.get("state")) ? ChatState.OPEN : ChatState.OFFERED;
    return new Chat(meta.getString("chatId"), entry(fields.get("visitor")), meta.getString("counsellor"),
        meta.getString("deviceId"),
        new ChatOffer(offer.getString("chatPub"), offer.getString("chatKeySig"),
            offer.getJsonObject("certificate").getMap()),
        fields.get("enc"), state, Instant.ofEpochMilli(Long.parseLong(fields.get("createdAt"))));
  }

  static String account(Account a) {
    return new JsonObject().put("username", a.username()).put("passwordHash", a.passwordHash())
        .put("displayName", a.displayName()).put("gender", a.gender().wire())
        .put("languages", new JsonArray(a.languages().stream().map(Language::code).sorted().toList()))
        .put("role", a.role().name()).put("disabled", a.disabled()).put("generation", a.generation())
        .put("totpSecret", a.totpSecret()).put("totpStep", a.totpStep()).encode();
  }

  static Account account(String json) {
    JsonObject o = new JsonObject(json);
    Set<Language> languages = new HashSet<>();
    o.getJsonArray("languages").forEach(l -> languages.add(Language.fromCode((String) l).orElseThrow()));
    return new Account(o.getString("username"), o.getString("passwordHash"), o.getString("displayName"),
        Gender.fromWire(o.getString("gender")).orElseThrow(), languages, Role.valueOf(o.getString("role")),
        o.getBoolean("disabled"), o.getLong("generation", 0L), o.getString("totpSecret"), o.getLong("totpStep", 0L));
  }

  static String session(Session s) {
    return new JsonObject().put("username", s.username()).put("createdAt", s.createdAt().toString())
        .put("lastSeen", s.lastSeen().toString()).put("generation", s.generation()).encode();
  }

  static Session session(String json) {
    JsonObject o = new JsonObject(json);
    return new Session(o.getString("username"), Instant.parse(o.getString("createdAt")),
        Instant.parse(o.getString("lastSeen")), o.getLong("generation", 0L));
  }

  static String device(Device d) {
    return new JsonObject().put("deviceId", d.deviceId()).put("username", d.username())
        .put("idPub", d.idPub()).put("encPub", d.encPub())
        .put("certificate", d.certificate() == null ? null : new JsonObject(d.certificate()))
        .put("registeredAt", d.registeredAt().toString())
        .put("revokedAt", d.revokedAt() == null ? null : d.revokedAt().toString()).encode();
  }

  static Device device(String json) {
    JsonObject o = new JsonObject(json);
    JsonObject cert = o.getJsonObject("certificate");
    return new Device(o.getString("deviceId"), o.getString("username"), o.getString("idPub"),
        o.getString("encPub"), cert == null ? null : Map.copyOf(cert.getMap()),
        Instant.parse(o.getString("registeredAt")),
        o.getString("revokedAt") == null ? null : Instant.parse(o.getString("revokedAt")));
  }

  static String invitation(Invitation i) {
    return new JsonObject().put("username", i.username()).put("generation", i.generation())
        .put("expiresAt", i.expiresAt().toEpochMilli()).put("pendingPasswordHash", i.pendingPasswordHash())
        .put("pendingSecret", i.pendingSecret()).encode();
  }

  static Invitation invitation(String json) {
    JsonObject o = new JsonObject(json);
    return new Invitation(o.getString("username"), o.getLong("generation"), Instant.ofEpochMilli(o.getLong("expiresAt")),
        o.getString("pendingPasswordHash"), o.getString("pendingSecret"));
  }
}
