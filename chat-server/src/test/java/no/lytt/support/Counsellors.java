package no.lytt.support;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import no.lytt.accounts.Role;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;

/** Fresh counsellor accounts on a test node, so no test sees another's throttle, sessions or sockets. */
public final class Counsellors {
  public static final String PASSWORD = "counsellor-password";
  private static final AtomicInteger COUNT = new AtomicInteger();

  private Counsellors() {
  }

  /** A new counsellor with password {@link #PASSWORD}; returns the username. */
  public static String create(TestServer server, String prefix) {
    String username = prefix + COUNT.incrementAndGet();
    Await.of(server.lytt().accounts().save(username, PASSWORD.toCharArray(), "Counsellor " + username,
        Gender.WOMAN, Set.of(Language.NB, Language.EN), Role.COUNSELLOR));
    return username;
  }
}
