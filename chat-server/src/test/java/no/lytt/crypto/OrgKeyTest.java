package no.lytt.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrgKeyTest {
  /** Small parameters so the test runs in milliseconds; production uses RFC 9106's. */
  private static final Argon2id FAST = new Argon2id(64, 1, 1);
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir
  Path dir;

  @Test
  void keyFileRoundTripsAndIsOwnerOnly() throws Exception {
    OrgKey key = OrgKey.generate(RANDOM);
    Path file = dir.resolve("keys/org-key.json");
    key.save(file, "correct horse".toCharArray(), RANDOM, FAST);
    OrgKey loaded = OrgKey.load(file, "correct horse".toCharArray());
    assertArrayEquals(key.publicKey(), loaded.publicKey());
    DeviceKeys device = DeviceKeys.generate(RANDOM);
    DeviceCertificate cert = loaded.certify(device.deviceId(), device.idPub(), device.encPub(),
        0, 100, "Kari");
    assertEquals(DeviceCertificate.Status.OK, cert.verify(key.publicKey(), 50));
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertEquals("rw-------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
    String text = Files.readString(file);
    assertTrue(text.contains("\"format\" : \"lytt-org-key\""), text);
  }

  @Test
  void wrongPassphraseIsRefused() throws Exception {
    Path file = dir.resolve("org-key.json");
    OrgKey.generate(RANDOM).save(file, "right".toCharArray(), RANDOM, FAST);
    CryptoException e = assertThrows(CryptoException.class,
        () -> OrgKey.load(file, "wrong".toCharArray()));
    assertEquals(CryptoException.Reason.BAD_PASSPHRASE, e.reason());
  }

  @Test
  void weakenedParametersOrSwappedPublicKeyAreRefused() throws Exception {
    Path file = dir.resolve("org-key.json");
    OrgKey.generate(RANDOM).save(file, "pass".toCharArray(), RANDOM, new Argon2id(128, 2, 1));
    ObjectMapper json = new ObjectMapper();
    ObjectNode weakened = (ObjectNode) json.readTree(file.toFile());
    ((ObjectNode) weakened.get("kdf")).put("iterations", 1);
    Path weak = dir.resolve("weak.json");
    Files.write(weak, json.writeValueAsBytes(weakened));
    assertEquals(CryptoException.Reason.BAD_PASSPHRASE, assertThrows(CryptoException.class,
        () -> OrgKey.load(weak, "pass".toCharArray())).reason());
    ObjectNode swapped = (ObjectNode) json.readTree(file.toFile());
    swapped.put("publicKey", OrgKey.generate(RANDOM).publicKeyB64u());
    Path other = dir.resolve("swapped.json");
    Files.write(other, json.writeValueAsBytes(swapped));
    assertEquals(CryptoException.Reason.BAD_PASSPHRASE, assertThrows(CryptoException.class,
        () -> OrgKey.load(other, "pass".toCharArray())).reason());
  }

  @Test
  void absurdParametersAndForeignFilesAreMalformed() throws Exception {
    Path file = dir.resolve("org-key.json");
    OrgKey.generate(RANDOM).save(file, "pass".toCharArray(), RANDOM, FAST);
    ObjectMapper json = new ObjectMapper();
    ObjectNode huge = (ObjectNode) json.readTree(file.toFile());
    ((ObjectNode) huge.get("kdf")).put("memoryKiB", Integer.MAX_VALUE);
    Path planted = dir.resolve("planted.json");
    Files.write(planted, json.writeValueAsBytes(huge));
    assertEquals(CryptoException.Reason.MALFORMED, assertThrows(CryptoException.class,
        () -> OrgKey.load(planted, "pass".toCharArray())).reason());
    Path foreign = dir.resolve("foreign.json");
    Files.writeString(foreign, "{\"hello\":1}");
    assertEquals(CryptoException.Reason.MALFORMED, assertThrows(CryptoException.class,
        () -> OrgKey.load(foreign, "pass".toCharArray())).reason());
    Files.writeString(foreign, "not json");
    assertEquals(CryptoException.Reason.MALFORMED, assertThrows(CryptoException.class,
        () -> OrgKey.load(foreign, "pass".toCharArray())).reason());
  }

  @Test
  void emptyPassphraseAndOverwritingAreRefused() throws Exception {
    OrgKey key = OrgKey.generate(RANDOM);
    Path file = dir.resolve("org-key.json");
    assertThrows(IllegalArgumentException.class,
        () -> key.save(file, new char[0], RANDOM, FAST));
    key.save(file, OrgKey.DEVELOPMENT_PASSPHRASE.toCharArray(), RANDOM, FAST);
    assertThrows(FileAlreadyExistsException.class,
        () -> key.save(file, "x".toCharArray(), RANDOM, FAST));
    assertThrows(IllegalArgumentException.class, () -> OrgKey.load(file, new char[0]));
    assertArrayEquals(key.publicKey(),
        OrgKey.load(file, OrgKey.DEVELOPMENT_PASSPHRASE.toCharArray()).publicKey());
  }

  @Test
  void passphrasesAreComparedAfterUnicodeNormalisation() throws Exception {
    Path file = dir.resolve("org-key.json");
    OrgKey key = OrgKey.generate(RANDOM);
    key.save(file, "bl\u00e5b\u00e6r".toCharArray(), RANDOM, FAST);
    assertArrayEquals(key.publicKey(),
        OrgKey.load(file, "bla\u030ab\u00e6r".toCharArray()).publicKey());
  }
}
