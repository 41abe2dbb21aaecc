package no.lytt.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * An independent, test-only transcription of RFC 9180's DHKEM(X25519) Encap and base-mode key
 * schedule for our suite, from plain HKDF. It exists to check the vector file's intermediate values
 * (shared_secret, key_schedule_context, secret, key, base_nonce, exporter_secret), which Bouncy
 * Castle's HPKE does not expose.
 */
final class RfcKeySchedule {
  private static final byte[] KEM_SUITE = concat(ascii("KEM"), new byte[] {0x00, 0x20});
  private static final byte[] HPKE_SUITE =
      concat(ascii("HPKE"), new byte[] {0x00, 0x20, 0x00, 0x01, 0x00, 0x02});

  record Schedule(byte[] sharedSecret, byte[] keyScheduleContext, byte[] secret, byte[] key,
                  byte[] baseNonce, byte[] exporterSecret) {
  }

  private RfcKeySchedule() {
  }

  static Schedule compute(byte[] skE, byte[] pkE, byte[] pkR, byte[] info) {
    byte[] dh = new byte[32];
    new X25519PrivateKeyParameters(skE).generateSecret(new X25519PublicKeyParameters(pkR), dh, 0);
    byte[] eaePrk = labeledExtract(KEM_SUITE, new byte[0], "eae_prk", dh);
    byte[] shared = labeledExpand(KEM_SUITE, eaePrk, "shared_secret", concat(pkE, pkR), 32);
    byte[] pskIdHash = labeledExtract(HPKE_SUITE, new byte[0], "psk_id_hash", new byte[0]);
    byte[] infoHash = labeledExtract(HPKE_SUITE, new byte[0], "info_hash", info);
    byte[] context = concat(new byte[] {0x00}, concat(pskIdHash, infoHash));
    byte[] secret = labeledExtract(HPKE_SUITE, shared, "secret", new byte[0]);
    return new Schedule(shared, context, secret,
        labeledExpand(HPKE_SUITE, secret, "key", context, 32),
        labeledExpand(HPKE_SUITE, secret, "base_nonce", context, 12),
        labeledExpand(HPKE_SUITE, secret, "exp", context, 32));
  }

  private static byte[] labeledExtract(byte[] suite, byte[] salt, String label, byte[] ikm) {
    byte[] labeled = concat(concat(ascii("HPKE-v1"), suite), concat(ascii(label), ikm));
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    return hkdf.extractPRK(salt, labeled);
  }

  private static byte[] labeledExpand(byte[] suite, byte[] prk, String label, byte[] info, int n) {
    byte[] labeled = concat(new byte[] {(byte) (n >>> 8), (byte) n},
        concat(concat(ascii("HPKE-v1"), suite), concat(ascii(label), info)));
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(HKDFParameters.skipExtractParameters(prk, labeled));
    byte[] out = new byte[n];
    hkdf.generateBytes(out, 0, n);
    return out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }
}
