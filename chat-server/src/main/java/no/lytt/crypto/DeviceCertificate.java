package no.lytt.crypto;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The organisation's statement "this device, with these two public keys, may speak as
 * {@code displayName} between {@code notBefore} and {@code notAfter}" (docs/crypto.md, "Device
 * certificate"). A visitor's page trusts a chat key only through such a certificate, which is what
 * stops a compromised server or store from slipping in its own key.
 *
 * <p>Binary fields are raw bytes here and base64url in JSON ({@link CertificateJson}). The record
 * copies its arrays in and out, so a verified certificate cannot change afterwards.
 *
 * @param v           format version, always {@link #VERSION}; not signed itself, because the
 *                    signed label {@code lytt/cert/v1} already carries the version
 * @param notBefore   Unix seconds, inclusive
 * @param notAfter    Unix seconds, exclusive
 * @param sig         Ed25519 signature of {@link #bytesToSign()} by the organisation key
 */
public record DeviceCertificate(int v, String deviceId, byte[] idPub, byte[] encPub, long notBefore,
                                long notAfter, String displayName, byte[] sig) {
  public static final int VERSION = 1;

  /** The outcome of {@link #verify}; only {@link #OK} may be trusted. */
  public enum Status { OK, BAD_SIGNATURE, EXPIRED, NOT_YET_VALID, MALFORMED }

  public DeviceCertificate {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(displayName, "displayName");
    idPub = idPub.clone();
    encPub = encPub.clone();
    sig = sig.clone();
  }

  /**
   * {@code certBytes = lp("lytt/cert/v1") || lp(deviceId) || lp(idPub) || lp(encPub) ||
   * lp(u64(notBefore)) || lp(u64(notAfter)) || lp(displayName)}.
   */
  public byte[] bytesToSign() {
    return bytesToSign(deviceId, idPub, encPub, notBefore, notAfter, displayName);
  }

  static byte[] bytesToSign(String deviceId, byte[] idPub, byte[] encPub, long notBefore,
                            long notAfter, String displayName) {
    return new Lp().utf8(Labels.CERT).utf8(deviceId).field(idPub).field(encPub)
        .u64Field(notBefore).u64Field(notAfter).utf8(displayName).toBytes();
  }

  /**
   * Checks form, then the organisation's signature, then the validity window ({@code notBefore <=
   * now < notAfter}). Form includes that {@code deviceId} is the hash of the two keys, so a
   * certificate can only ever name the device its keys make.
   */
  public Status verify(byte[] orgPub, long nowEpochSeconds) {
    if (!wellFormed()) {
      return Status.MALFORMED;
    }
    if (!Ed25519.verify(orgPub, bytesToSign(), sig)) {
      return Status.BAD_SIGNATURE;
    }
    if (nowEpochSeconds < notBefore) {
      return Status.NOT_YET_VALID;
    }
    if (nowEpochSeconds >= notAfter) {
      return Status.EXPIRED;
    }
    return Status.OK;
  }

  private boolean wellFormed() {
    try {
      return v == VERSION && idPub.length == 32 && encPub.length == 32
          && sig.length == Ed25519.SIGNATURE_BYTES && notBefore >= 0 && notAfter >= 0
          && deviceId.equals(DeviceId.of(idPub, encPub))
          && bytesToSign().length > 0;
    } catch (IllegalArgumentException tooLong) {
      return false;
    }
  }

  /** The JSON object of docs/crypto.md, binary fields as base64url strings, in spec order. */
  public Map<String, Object> toJsonMap() {
    return CertificateJson.toMap(this);
  }

  /**
   * Parses the JSON object form. Checks types and base64url only; call {@link #verify} for trust.
   *
   * @throws CryptoException {@link CryptoException.Reason#MALFORMED} if a field is missing, of the
   *                         wrong type or not canonical base64url
   */
  public static DeviceCertificate fromJsonMap(Map<String, ?> json) {
    return CertificateJson.fromMap(json);
  }

  @Override
  public byte[] idPub() {
    return idPub.clone();
  }

  @Override
  public byte[] encPub() {
    return encPub.clone();
  }

  @Override
  public byte[] sig() {
    return sig.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceCertificate c && v == c.v && notBefore == c.notBefore
        && notAfter == c.notAfter && deviceId.equals(c.deviceId)
        && displayName.equals(c.displayName) && Arrays.equals(idPub, c.idPub)
        && Arrays.equals(encPub, c.encPub) && Arrays.equals(sig, c.sig);
  }

  @Override
  public int hashCode() {
    return Objects.hash(v, deviceId, notBefore, notAfter, displayName, Arrays.hashCode(idPub),
        Arrays.hashCode(encPub), Arrays.hashCode(sig));
  }

  @Override
  public String toString() {
    return "DeviceCertificate" + toJsonMap();
  }
}
