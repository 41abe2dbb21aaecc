package no.lytt.store.redis;

import io.lettuce.core.codec.StringCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Lettuce's UTF-8 string codec, decoding a reply's strings straight from the bytes Redis sent.
 * Lettuce's own wraps each string in a Netty buffer first (three objects per string, besides the
 * string): under queue churn a fifth of everything a node allocated, since every chat record and
 * script reply is a list of strings. Encoding stays Lettuce's, which writes into the outgoing buffer.
 */
final class Utf8Codec extends StringCodec {
  static final Utf8Codec UTF8 = new Utf8Codec();

  /** Strings up to this size are copied out through one array per thread, not one each. */
  private static final int SCRATCH_BYTES = 8192;
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[SCRATCH_BYTES]);

  private Utf8Codec() {
    super(StandardCharsets.UTF_8);
  }

  @Override
  public String decodeKey(ByteBuffer bytes) {
    return decode(bytes);
  }

  @Override
  public String decodeValue(ByteBuffer bytes) {
    return decode(bytes);
  }

  /** Reads without moving the buffer's position, as Lettuce's codec does. */
  static String decode(ByteBuffer bytes) {
    int length = bytes.remaining();
    if (length == 0) {
      return "";
    }
    if (bytes.hasArray()) {
      return new String(bytes.array(), bytes.arrayOffset() + bytes.position(), length, StandardCharsets.UTF_8);
    }
    byte[] copy = length <= SCRATCH_BYTES ? SCRATCH.get() : new byte[length];
    bytes.get(bytes.position(), copy, 0, length);
    return new String(copy, 0, length, StandardCharsets.UTF_8);
  }
}
