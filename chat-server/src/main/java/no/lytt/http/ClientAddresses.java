package no.lytt.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a request comes from, as far as per-source limits care — and nothing more: the answer is
 * bytes to be hashed at once, never an address to log or keep.
 *
 * <p>The source is the socket peer, unless the peer is one of {@code http.trusted-proxies}: then
 * it is the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy. Everything
 * left of that entry was written by the client and is ignored, so a visitor cannot pose as many
 * sources by sending the header; a peer that is not a trusted proxy is never believed at all.
 *
 * <p>IPv6 sources count per /64: that is what one household or one phone gets, and any of its
 * 2^64 addresses would otherwise be a fresh source.
 */
public final class ClientAddresses {
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV4_PORT = Pattern.compile("(" + IPV4.pattern() + "):\\d{1,5}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::\\d{1,5})?");
  private final Set<InetAddress> trustedProxies;

  public ClientAddresses(List<InetAddress> trustedProxies) {
    this.trustedProxies = Set.copyOf(trustedProxies);
  }

  /**
   * @param peer the socket peer's address as text (null when unknown)
   * @param forwardedFor every {@code X-Forwarded-For} header line, in order
   */
  public byte[] source(String peer, List<String> forwardedFor) {
    InetAddress direct = ip(peer);
    if (direct == null || !trustedProxies.contains(direct)) {
      return key(direct, peer);
    }
    List<String> hops = new ArrayList<>();
    for (String line : forwardedFor) {
      for (String hop : line.split(",")) {
        if (!hop.isBlank()) {
          hops.add(hop.strip());
        }
      }
    }
    if (hops.isEmpty()) {
      return key(direct, peer);
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      InetAddress hop = ip(hops.get(i));
      if (hop == null || !trustedProxies.contains(hop)) {
        return key(hop, hops.get(i));
      }
    }
    // Every hop is a proxy of ours: the left-most is the furthest anyone vouches for.
    return key(ip(hops.get(0)), hops.get(0));
  }

  /** A tag byte keeps the three kinds apart: IPv4 address, IPv6 /64, or text that is no address. */
  private static byte[] key(InetAddress address, String text) {
    if (address == null) {
      byte[] raw = String.valueOf(text).getBytes(StandardCharsets.UTF_8);
      byte[] key = new byte[raw.length + 1];
      System.arraycopy(raw, 0, key, 1, raw.length);
      return key;
    }
    byte[] bytes = address.getAddress();
    byte[] kept = address instanceof Inet6Address ? Arrays.copyOf(bytes, 8) : bytes;
    byte[] key = new byte[kept.length + 1];
    key[0] = (byte) (address instanceof Inet6Address ? 6 : 4);
    System.arraycopy(kept, 0, key, 1, kept.length);
    return key;
  }

  /**
   * An IP literal, with a port or brackets as proxies may write them, or null. Checked by pattern
   * first, so that a host name never triggers a DNS lookup.
   */
  static InetAddress ip(String text) {
    if (text == null) {
      return null;
    }
    String literal = text;
    Matcher bracketed = BRACKETED.matcher(text);
    Matcher withPort = IPV4_PORT.matcher(text);
    if (bracketed.matches()) {
      literal = bracketed.group(1);
    } else if (withPort.matches()) {
      literal = withPort.group(1);
    }
    if (!IPV4.matcher(literal).matches() && !IPV6.matcher(literal).matches()) {
      return null;
    }
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
