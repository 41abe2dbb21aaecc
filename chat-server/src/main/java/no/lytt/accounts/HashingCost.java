package no.lytt.accounts;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures what one password hash costs on this machine, for choosing {@code argon2.*}
 * (docs/operations.md, "Password hashing"). Not part of the server; run it on the machine that
 * will run Lytt, with nothing else busy:
 *
 * <pre>java -cp chat-server/target/lytt-chat-server.jar no.lytt.accounts.HashingCost [m:t[:p] ...]</pre>
 *
 * <p>For each parameter set ({@code m} in KiB, {@code t} passes, {@code p} lanes; default a few
 * around 64 MiB) it prints the median, fastest and slowest of seven single hashes after two
 * warm-up hashes, and how long two hashes take side by side, as two concurrent logins would.
 */
public final class HashingCost {
  private static final int WARM_UP = 2;
  private static final int RUNS = 7;
  private static final List<String> DEFAULT_SETS = List.of("19456:2", "65536:1", "65536:2", "65536:3",
      "65536:4", "98304:2", "131072:1", "131072:2");

  private HashingCost() {
  }

  public static void main(String[] args) throws Exception {
    List<String> sets = args.length > 0 ? List.of(args) : DEFAULT_SETS;
    System.out.printf(Locale.ROOT, "%d processors, Java %s, max heap %d MiB%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
    System.out.printf(Locale.ROOT, "%-22s %10s %10s %10s %14s%n", "m (KiB), t, p", "median ms", "min ms",
        "max ms", "2 at once ms");
    ExecutorService pair = Executors.newFixedThreadPool(2);
    try {
      for (String set : sets) {
        String[] parts = set.split(":");
        int m = Integer.parseInt(parts[0]);
        int t = Integer.parseInt(parts[1]);
        int p = parts.length > 2 ? Integer.parseInt(parts[2]) : 1;
        PasswordHasher hasher = new PasswordHasher(m, t, p, new SecureRandom());
        char[] password = "correct horse battery staple".toCharArray();
        for (int i = 0; i < WARM_UP; i++) {
          hasher.hash(password);
        }
        long[] millis = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
          long start = System.nanoTime();
          hasher.hash(password);
          millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        long start = System.nanoTime();
        List<Future<String>> both = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          both.add(pair.submit(() -> hasher.hash(password)));
        }
        for (Future<String> f : both) {
          f.get();
        }
        long concurrent = (System.nanoTime() - start) / 1_000_000;
        System.out.printf(Locale.ROOT, "%-22s %10d %10d %10d %14d%n", m + ", " + t + ", " + p,
            millis[RUNS / 2], millis[0], millis[RUNS - 1], concurrent);
      }
    } finally {
      pair.shutdown();
    }
  }
}
