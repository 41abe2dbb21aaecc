package no.lytt;

public final class Main {
  public static void main(String[] args) {
    System.out.println(io.vertx.core.Vertx.class + " " + org.bouncycastle.crypto.hpke.HPKE.class);
  }
}
