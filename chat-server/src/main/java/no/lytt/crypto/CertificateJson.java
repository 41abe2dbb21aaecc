package no.lytt.crypto;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of a {@link DeviceCertificate}, as maps that Jackson or Vert.x's {@code JsonObject}
 * read and write directly. Kept apart from the record so the record stays about bytes and trust.
 *
 * <p>Parsing is strict about types (integers must be integral JSON numbers, binary fields canonical
 * base64url) and lenient about extra keys: they are not signed, so they cannot change meaning.
 */
final class CertificateJson {
  private CertificateJson() {
  }

  static Map<String, Object> toMap(DeviceCertificate c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("v", c.v());
    m.put("deviceId", c.deviceId());
    m.put("idPub", B64u.encode(c.idPub()));
    m.put("encPub", B64u.encode(c.encPub()));
    m.put("notBefore", c.notBefore());
    m.put("notAfter", c.notAfter());
    m.put("displayName", c.displayName());
    m.put("sig", B64u.encode(c.sig()));
    return m;
  }

  static DeviceCertificate fromMap(Map<String, ?> m) {
    if (m == null) {
      throw malformed("certificate missing");
    }
    return new DeviceCertificate((int) integer(m, "v", Integer.MIN_VALUE, Integer.MAX_VALUE),
        string(m, "deviceId"), binary(m, "idPub"), binary(m, "encPub"),
        integer(m, "notBefore", 0, Long.MAX_VALUE), integer(m, "notAfter", 0, Long.MAX_VALUE),
        string(m, "displayName"), binary(m, "sig"));
  }

  private static String string(Map<String, ?> m, String key) {
    if (m.get(key) instanceof String s) {
      return s;
    }
    throw malformed(key + " must be a string");
  }

  private static byte[] binary(Map<String, ?> m, String key) {
    try {
      return B64u.decode(string(m, key));
    } catch (IllegalArgumentException e) {
      throw malformed(key + " must be base64url");
    }
  }

  private static long integer(Map<String, ?> m, String key, long min, long max) {
    Object value = m.get(key);
    long n;
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      n = ((Number) value).longValue();
    } else if (value instanceof BigInteger big && big.bitLength() < 64) {
      n = big.longValueExact();
    } else {
      throw malformed(key + " must be an integer");
    }
    if (n < min || n > max) {
      throw malformed(key + " out of range");
    }
    return n;
  }

  private static CryptoException malformed(String message) {
    return new CryptoException(CryptoException.Reason.MALFORMED, "certificate: " + message);
  }
}
