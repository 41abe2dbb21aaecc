package no.lytt.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A counsellor device's identifier and fingerprint, both cut from one hash of its two public keys:
 * {@code SHA-256(lp("lytt/device/v1") || lp(idPub) || lp(encPub))}.
 *
 * <p>{@code deviceId} (first 16 bytes, base64url) names the device in frames and certificates;
 * the {@code fingerprint} (first 20 bytes, hex) is what an administrator compares with the
 * console's screen before certifying, so it commits to both keys.
 */
public final class DeviceId {
  private DeviceId() {
  }

  /** The 22-character deviceId of a pair of 32-byte public keys. */
  public static String of(byte[] idPub, byte[] encPub) {
    return B64u.encode(Arrays.copyOf(hash(idPub, encPub), 16));
  }

  /** The fingerprint: 40 lowercase hex digits, without spaces. */
  public static String fingerprint(byte[] idPub, byte[] encPub) {
    return HexFormat.of().formatHex(hash(idPub, encPub), 0, 20);
  }

  /** The fingerprint in groups of four for display: {@code "1a2b 3c4d …"}. */
  public static String grouped(String fingerprint) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fingerprint.length(); i += 4) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(fingerprint, i, Math.min(i + 4, fingerprint.length()));
    }
    return sb.toString();
  }

  static byte[] hashInput(byte[] idPub, byte[] encPub) {
    if (idPub.length != 32 || encPub.length != 32) {
      throw new IllegalArgumentException("device public keys are 32 bytes");
    }
    return new Lp().utf8(Labels.DEVICE).field(idPub).field(encPub).toBytes();
  }

  private static byte[] hash(byte[] idPub, byte[] encPub) {
    return sha256(hashInput(idPub, encPub));
  }

  static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
