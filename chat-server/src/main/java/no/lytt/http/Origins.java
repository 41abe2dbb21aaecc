package no.lytt.http;

import java.util.Set;

/**
 * The origins whose pages may open a WebSocket or send a state-changing request. A browser always
 * sends {@code Origin} on WebSocket upgrades, so a missing header is refused too: it is not a page
 * of ours.
 */
public final class Origins {
  private final Set<String> allowed;

  public Origins(Set<String> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  public boolean allows(String origin) {
    return origin != null && allowed.contains(origin);
  }

  public Set<String> allowed() {
    return allowed;
  }
}
