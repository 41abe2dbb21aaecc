package no.lytt.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The passphrase-protected organisation key file, a small JSON document:
 *
 * <pre>{@code
 * {"format": "lytt-org-key", "v": 1,
 *  "publicKey": "<base64url, 32 bytes: the Ed25519 public key>",
 *  "kdf": {"alg": "argon2id", "version": 19, "memoryKiB": 65536, "iterations": 3,
 *          "parallelism": 4, "salt": "<base64url, 16 random bytes>"},
 *  "cipher": {"alg": "AES-256-GCM", "nonce": "<base64url, 12 random bytes>"},
 *  "ciphertext": "<base64url, 48 bytes: the 32-byte Ed25519 seed sealed, tag appended>"}
 * }</pre>
 *
 * <p>The AES key is Argon2id(NFC-UTF-8 passphrase, salt) with the parameters in the file. The AAD
 * is {@code lp("lytt/org-key/v1") || lp(publicKey) || lp(u32(version)) || lp(u32(memoryKiB)) ||
 * lp(u32(iterations)) || lp(u32(parallelism)) || lp(salt)}, so weakening the stored parameters or
 * swapping the public key makes the file fail to open instead of quietly lowering its cost.
 * Reading bounds the parameters, so a planted file cannot make a server allocate without limit.
 */
final class OrgKeyFile {
  static final String FORMAT = "lytt-org-key";
  private static final int SALT_BYTES = 16;
  private static final int MAX_MEMORY_KIB = 2 * 1024 * 1024;
  private static final int MAX_ITERATIONS = 64;
  private static final int MAX_PARALLELISM = 64;

  private OrgKeyFile() {
  }

  static byte[] seal(RawKeyPair keys, char[] passphrase, SecureRandom random, Argon2id kdf) {
    byte[] salt = randomBytes(random, SALT_BYTES);
    byte[] nonce = randomBytes(random, AesGcm.NONCE_BYTES);
    byte[] key = kdf.derive(passphraseBytes(passphrase), salt, 32);
    byte[] seed = keys.privateKey();
    byte[] ct = AesGcm.seal(key, nonce, aad(keys.publicKey(), kdf, salt), seed);
    Arrays.fill(key, (byte) 0);
    Arrays.fill(seed, (byte) 0);
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode().put("format", FORMAT).put("v", 1)
        .put("publicKey", B64u.encode(keys.publicKey()));
    root.putObject("kdf").put("alg", "argon2id").put("version", Argon2id.VERSION)
        .put("memoryKiB", kdf.memoryKiB()).put("iterations", kdf.iterations())
        .put("parallelism", kdf.parallelism()).put("salt", B64u.encode(salt));
    root.putObject("cipher").put("alg", "AES-256-GCM").put("nonce", B64u.encode(nonce));
    root.put("ciphertext", B64u.encode(ct));
    try {
      return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serialises", e);
    }
  }

  static RawKeyPair open(byte[] file, char[] passphrase) {
    byte[] pass = passphraseBytes(passphrase);
    try {
      JsonNode root = new ObjectMapper().readTree(file);
      JsonNode kdfNode = root.path("kdf");
      if (!FORMAT.equals(root.path("format").asText()) || root.path("v").asInt() != 1
          || !"argon2id".equals(kdfNode.path("alg").asText())
          || kdfNode.path("version").asInt() != Argon2id.VERSION
          || !"AES-256-GCM".equals(root.path("cipher").path("alg").asText())) {
        throw malformed("not a Lytt organisation key file of version 1");
      }
      Argon2id kdf = new Argon2id(bounded(kdfNode, "memoryKiB", MAX_MEMORY_KIB),
          bounded(kdfNode, "iterations", MAX_ITERATIONS),
          bounded(kdfNode, "parallelism", MAX_PARALLELISM));
      byte[] publicKey = B64u.decode(root.path("publicKey").asText(), 32);
      byte[] salt = B64u.decode(kdfNode.path("salt").asText());
      byte[] nonce = B64u.decode(root.path("cipher").path("nonce").asText(), AesGcm.NONCE_BYTES);
      byte[] ct = B64u.decode(root.path("ciphertext").asText(), 32 + AesGcm.TAG_BYTES);
      if (salt.length < SALT_BYTES) {
        throw malformed("salt too short");
      }
      byte[] key = kdf.derive(pass, salt, 32);
      byte[] seed = AesGcm.open(key, nonce, aad(publicKey, kdf, salt), ct,
          CryptoException.Reason.BAD_PASSPHRASE);
      Arrays.fill(key, (byte) 0);
      RawKeyPair keys = Ed25519.fromSeed(seed);
      Arrays.fill(seed, (byte) 0);
      if (!Arrays.equals(keys.publicKey(), publicKey)) {
        throw malformed("the sealed key does not match the public key");
      }
      return keys;
    } catch (IOException | IllegalArgumentException e) {
      throw new CryptoException(CryptoException.Reason.MALFORMED, "unreadable key file", e);
    } finally {
      Arrays.fill(pass, (byte) 0);
    }
  }

  static void write(Path file, byte[] content) throws IOException {
    if (Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString());
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    try {
      Files.write(file, content);
    } catch (IOException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  static byte[] read(Path file) throws IOException {
    return Files.readAllBytes(file);
  }

  private static byte[] aad(byte[] publicKey, Argon2id kdf, byte[] salt) {
    return new Lp().utf8(Labels.ORG_KEY_FILE).field(publicKey).u32Field(Argon2id.VERSION)
        .u32Field(kdf.memoryKiB()).u32Field(kdf.iterations()).u32Field(kdf.parallelism())
        .field(salt).toBytes();
  }

  private static byte[] passphraseBytes(char[] passphrase) {
    if (passphrase == null || passphrase.length == 0) {
      throw new IllegalArgumentException("an organisation key file needs a non-empty passphrase");
    }
    return Argon2id.passwordBytes(passphrase);
  }

  private static int bounded(JsonNode node, String field, int max) {
    JsonNode value = node.path(field);
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1
        || value.asInt() > max) {
      throw malformed("kdf." + field + " out of range");
    }
    return value.asInt();
  }

  private static byte[] randomBytes(SecureRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static CryptoException malformed(String message) {
    return new CryptoException(CryptoException.Reason.MALFORMED, "org key file: " + message);
  }
}
