package no.lytt.drain;

/**
 * Whether this node is on its way out. Once set it stays set: a draining node refuses new sockets
 * and answers {@code /ready} with 503, so the load balancer sends everyone to the other nodes.
 */
public final class DrainState {
  private volatile boolean draining;

  public void begin() {
    draining = true;
  }

  public boolean draining() {
    return draining;
  }
}
