package no.lytt.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import no.lytt.crypto.B64u;
import no.lytt.http.CallbackBodies;
import no.lytt.crypto.CryptoException;
import no.lytt.crypto.DeviceCertificate;
import no.lytt.crypto.Padding;
import no.lytt.protocol.Fields;
import no.lytt.protocol.Frames;
import no.lytt.protocol.Ids;
import no.lytt.protocol.LyttException;
import no.lytt.queue.Language;
import no.lytt.queue.Preference;
import org.junit.jupiter.api.Tag;

/**
 * Everything that reads what a client sends — a frame's JSON, its fields as every handler reads
 * them, the bodies of the HTTP API (parsed the same way; a new callback's or ticket's by its own reader), resume tokens, base64url, device
 * certificates, padded plaintexts — answers garbage with its typed error and nothing else. Any
 * other exception is a finding and fails the build.
 */
@Tag("fuzz")
class ParsersFuzzTest {

  @FuzzTest(maxDuration = "45s")
  void clientInputGetsTypedErrorsOnly(FuzzedDataProvider data) {
    int target = data.consumeInt(0, 4);
    try {
      switch (target) {
        case 0 -> frame(data.consumeRemainingAsString());
        case 1 -> token(data.consumeRemainingAsString());
        case 2 -> certificate(data.consumeRemainingAsString());
        case 3 -> callbackBody(data.consumeRemainingAsString());
        default -> Padding.unpad(data.consumeRemainingAsBytes());
      }
    } catch (LyttException | CryptoException expected) {
      // the typed refusal a client gets
    }
  }

  /** A frame or an API body, read the way the handlers read theirs. */
  private static void frame(String text) {
    JsonObject frame = Frames.parse(text);
    Fields f = new Fields(frame);
    f.type();
    for (Runnable read : new Runnable[] {
        () -> f.string("chatId", 64), () -> f.string("token", 64), () -> f.string("username", 64),
        () -> Preference.fromWire(f.string("preference", 8)), () -> Language.fromCode(f.string("language", 8)),
        () -> f.positiveLong("seq"), () -> f.nonNegativeLong("lastSeq"), () -> f.intInRange("capacity", 1, 20),
        () -> f.bool("on"), () -> f.b64u("enc", 32), () -> f.b64u("idPub", 32), () -> f.b64u("chatKeySig", 64),
        () -> f.b64uUpTo("ct", 12_000)}) {
      try {
        read.run();
      } catch (LyttException expected) {
        // each field is refused on its own; the others are still read
      }
    }
  }

  /** The body of a new callback or ticket, read as {@code CallbackApi} reads it. */
  private static void callbackBody(String text) {
    JsonObject body = Frames.parse(text);
    try {
      CallbackBodies.newItem(body);
    } catch (LyttException expected) {
      // the windows are still read
    }
    CallbackBodies.windows(body.getValue("windows"));
  }

  private static void token(String text) {
    Ids.hash(text);
    try {
      B64u.decode(text, 16);
    } catch (IllegalArgumentException expected) {
      // not base64url of the right length
    }
  }

  private static void certificate(String text) {
    Map<String, Object> json = Frames.parse(text).getMap();
    DeviceCertificate.fromJsonMap(json);
  }
}
