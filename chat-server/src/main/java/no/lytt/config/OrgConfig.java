package no.lytt.config;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The organisation's trust root. Its private half stays offline; the public half is pinned in the
 * served pages, and visitors' browsers accept only counsellor keys it has certified.
 *
 * @param publicKey {@code org.public-key}: the Ed25519 public key, base64url without padding;
 *     empty only in development, where a key is created at {@code devKeyFile}
 * @param devKeyFile {@code org.dev-key-file}: where development mode keeps the key it creates
 */
public record OrgConfig(Optional<String> publicKey, Path devKeyFile) {

  static final ConfigKey PUBLIC_KEY = ConfigKey.of("org.public-key", "",
      "The organisation's Ed25519 public key, 32 bytes as base64url without padding (43 characters). "
          + "Required in production. In development, empty means a key is created in org.dev-key-file.");
  static final ConfigKey DEV_KEY_FILE = ConfigKey.of("org.dev-key-file", "./lytt-dev-org.key",
      "Development only: where the generated organisation key pair is kept between restarts. Never "
          + "use this key for a real service.");
  static final List<ConfigKey> KEYS = List.of(PUBLIC_KEY, DEV_KEY_FILE);

  private static final Pattern BASE64URL_32 = Pattern.compile("[A-Za-z0-9_-]{43}");

  static OrgConfig read(Settings settings, LyttConfig.Mode mode) {
    String key = settings.parsed(PUBLIC_KEY,
        "a 32-byte Ed25519 public key as base64url without padding (43 characters)", OrgConfig::publicKey);
    if (key.isEmpty() && mode == LyttConfig.Mode.PRODUCTION) {
      settings.problem(PUBLIC_KEY, "required when mode = production; set org.public-key (or "
          + PUBLIC_KEY.envName() + ") to the organisation's Ed25519 public key, base64url without padding");
    }
    Path devKeyFile = settings.parsed(DEV_KEY_FILE, "a file path", Path::of);
    return new OrgConfig(key.isEmpty() ? Optional.empty() : Optional.of(key), devKeyFile);
  }

  /** The raw 32 key bytes, a fresh copy each time. */
  public Optional<byte[]> publicKeyBytes() {
    return publicKey.map(Base64.getUrlDecoder()::decode);
  }

  /**
   * Accepts only the canonical encoding (the re-encoding must match), so one key has exactly one
   * spelling and the pinned value in the pages compares equal to what an administrator pasted.
   */
  private static String publicKey(String text) {
    if (text.isEmpty()) {
      return text;
    }
    if (!BASE64URL_32.matcher(text).matches()) {
      throw new IllegalArgumentException();
    }
    byte[] bytes = Base64.getUrlDecoder().decode(text);
    if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
      throw new IllegalArgumentException("not canonical base64url");
    }
    return text;
  }
}
