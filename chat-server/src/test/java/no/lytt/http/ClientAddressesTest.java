package no.lytt.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {
  private final ClientAddresses direct = new ClientAddresses(List.of());
  private final ClientAddresses proxied = new ClientAddresses(List.of(ip("127.0.0.1"), ip("10.0.0.5")));

  private static InetAddress ip(String text) {
    return ClientAddresses.ip(text);
  }

  private static byte[] v4(int a, int b, int c, int d) {
    return new byte[] {4, (byte) a, (byte) b, (byte) c, (byte) d};
  }

  @Test
  void withoutTrustedProxiesThePeerIsTheSourceWhateverTheHeaderSays() {
    assertArrayEquals(v4(127, 0, 0, 1), direct.source("127.0.0.1", List.of("203.0.113.9")));
    assertArrayEquals(v4(198, 51, 100, 7), direct.source("198.51.100.7", List.of()));
  }

  @Test
  void aPeerThatIsNotATrustedProxyIsNotBelieved() {
    assertArrayEquals(v4(198, 51, 100, 7), proxied.source("198.51.100.7", List.of("203.0.113.9")));
  }

  @Test
  void behindTrustedProxiesTheRightMostUntrustedHopIsTheSource() {
    assertArrayEquals(v4(203, 0, 113, 9), proxied.source("127.0.0.1", List.of("203.0.113.9")));
    assertArrayEquals(v4(203, 0, 113, 9), proxied.source("127.0.0.1", List.of("1.1.1.1, 203.0.113.9, 10.0.0.5")),
        "what the client wrote on the left is ignored, our own proxies on the right are skipped");
    assertArrayEquals(v4(203, 0, 113, 9), proxied.source("127.0.0.1", List.of("6.6.6.6", "203.0.113.9:5123")),
        "several header lines are one list; a port is not part of the source");
    assertArrayEquals(v4(10, 0, 0, 5), proxied.source("127.0.0.1", List.of("10.0.0.5")),
        "only proxies of ours: the furthest one");
    assertArrayEquals(v4(127, 0, 0, 1), proxied.source("127.0.0.1", List.of()), "no header: the proxy itself");
  }

  @Test
  void anIpv6SourceCountsPerSlash64AndIsNeverConfusedWithIpv4() {
    byte[] a = proxied.source("127.0.0.1", List.of("2001:db8:1:2::1"));
    byte[] b = proxied.source("127.0.0.1", List.of("[2001:db8:1:2:ffff::9]:443"));
    byte[] other = proxied.source("127.0.0.1", List.of("2001:db8:1:3::1"));
    assertArrayEquals(a, b, "one /64");
    assertFalse(Arrays.equals(a, other), "another /64");
    assertArrayEquals(v4(192, 0, 2, 1), proxied.source("127.0.0.1", List.of("::ffff:192.0.2.1")),
        "an IPv4-mapped address is that IPv4 address");
  }

  @Test
  void textThatIsNoAddressIsItsOwnSourceAndNeverLookedUp() {
    byte[] unknown = proxied.source("127.0.0.1", List.of("unknown"));
    assertArrayEquals(unknown, proxied.source("127.0.0.1", List.of("1.2.3.4, unknown")));
    assertNull(ClientAddresses.ip("localhost"), "a host name is not resolved");
    assertNull(ClientAddresses.ip("example.org"));
    assertNull(ClientAddresses.ip("10.0.0.256"));
    assertNull(ClientAddresses.ip("abc:xyz"));
  }
}
