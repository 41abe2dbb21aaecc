package no.lytt.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import no.lytt.accounts.Device;
import no.lytt.crypto.B64u;
import no.lytt.crypto.DeviceKeys;
import no.lytt.crypto.OrgKey;
import no.lytt.support.Await;
import no.lytt.support.RawSocket;
import no.lytt.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A console device is trusted because the organisation key signed it, not because the store says
 * so: a certificate written straight into the store (as a compromised Redis could) but signed by
 * any other key is refused, and so is a real certificate of another device.
 */
class DeviceTrustTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("LYTT_HOURS_OVERRIDE", "open"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aCertificateThatTheOrganisationKeyDidNotSignIsRefused() {
    DeviceKeys keys = DeviceKeys.generate(RANDOM);
    OrgKey rogue = OrgKey.generate(RANDOM);
    long now = Instant.now().getEpochSecond();
    Map<String, Object> forged = rogue.certify(keys.deviceId(), keys.idPub(), keys.encPub(), now - 60, now + 3600,
        "Demo").toJsonMap();
    Await.of(server.lytt().store().saveDevice(new Device(keys.deviceId(), "demo", B64u.encode(keys.idPub()),
        B64u.encode(keys.encPub()), forged, Instant.now())));

    assertEquals("device_not_certified", helloError(keys.deviceId()));
  }

  @Test
  void aGenuineCertificateStoredUnderAnotherDevicesIdIsRefused() {
    DeviceKeys genuine = DeviceKeys.generate(RANDOM);
    DeviceKeys other = DeviceKeys.generate(RANDOM);
    long now = Instant.now().getEpochSecond();
    // A real certificate for `genuine`, filed under `other`'s id: signed, but not for this device.
    Map<String, Object> misfiled = server.organisationKey().certify(genuine.deviceId(), genuine.idPub(), genuine.encPub(),
        now - 60, now + 3600, "Demo").toJsonMap();
    Await.of(server.lytt().store().saveDevice(new Device(other.deviceId(), "demo", B64u.encode(other.idPub()),
        B64u.encode(other.encPub()), misfiled, Instant.now())));

    assertEquals("device_not_certified", helloError(other.deviceId()));
  }

  @Test
  void theSameStepsWithTheOrganisationsOwnSignatureAreAccepted() {
    DeviceKeys keys = DeviceKeys.generate(RANDOM);
    long now = Instant.now().getEpochSecond();
    Map<String, Object> genuine = server.organisationKey().certify(keys.deviceId(), keys.idPub(), keys.encPub(),
        now - 60, now + 3600, "Demo").toJsonMap();
    Await.of(server.lytt().store().saveDevice(new Device(keys.deviceId(), "demo", B64u.encode(keys.idPub()),
        B64u.encode(keys.encPub()), genuine, Instant.now())));

    try (RawSocket console = hello(keys.deviceId())) {
      assertEquals(keys.deviceId(), console.next("hello").getString("deviceId"));
    }
  }

  private static String helloError(String deviceId) {
    try (RawSocket console = hello(deviceId)) {
      return console.nextError().getString("code");
    }
  }

  private static RawSocket hello(String deviceId) {
    RawSocket console = server.consoleSocket(server.login("demo", TestServer.DEMO_PASSWORD));
    console.next("welcome");
    console.send(new JsonObject().put("type", "hello").put("deviceId", deviceId));
    return console;
  }
}
