package no.lytt.accounts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Set;
import no.lytt.crypto.OrgKey;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;

/**
 * What development mode adds, and production never has: a development organisation key on disk that
 * certifies every console device, a counsellor accounts {@code demo} and {@code demo2} and an administrator {@code admin}.
 */
public final class DevelopmentSetup {
  private static final Logger LOG = System.getLogger("lytt.development");

  private DevelopmentSetup() {
  }

  /** Loads the development organisation key, creating it on first start. Blocking: file and KDF. */
  public static OrgKey orgKey(Path file, SecureRandom random) {
    char[] passphrase = OrgKey.DEVELOPMENT_PASSPHRASE.toCharArray();
    try {
      if (Files.exists(file)) {
        return OrgKey.load(file, passphrase);
      }
      OrgKey key = OrgKey.generate(random);
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      key.save(file, passphrase, random);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the development organisation key at "
          + file + " (org.dev-key-file)", e);
    }
  }

  /**
   * Creates the {@code demo} counsellor. Its password is {@code LYTT_DEMO_PASSWORD} when set, else
   * random and printed once — to the console, never to a log file.
   */
  public static Future<Account> demoAccount(Vertx vertx, AccountService accounts, String configured,
                                            SecureRandom random) {
    return account(accounts, "demo", "Demo", Gender.WOMAN, Role.COUNSELLOR, configured, "LYTT_DEMO_PASSWORD", random);
  }

  /**
   * Creates {@code demo2} ("Demo 2", a man), so that handing a chat to a colleague can be tried on
   * one machine. Its password follows the demo counsellor's rule: {@code LYTT_DEMO_PASSWORD} when
   * set, else random and printed once.
   */
  public static Future<Account> secondDemoAccount(AccountService accounts, String configured, SecureRandom random) {
    return account(accounts, "demo2", "Demo 2", Gender.MAN, Role.COUNSELLOR, configured, "LYTT_DEMO_PASSWORD", random);
  }

  /**
   * Creates the {@code admin} administrator, to try the administration pages. Its password is
   * {@code LYTT_ADMIN_PASSWORD} when set, else random and printed once, like the demo counsellor's.
   */
  public static Future<Account> adminAccount(AccountService accounts, String configured, SecureRandom random) {
    return account(accounts, "admin", "Admin", Gender.MAN, Role.ADMIN, configured, "LYTT_ADMIN_PASSWORD", random);
  }

  private static Future<Account> account(AccountService accounts, String username, String displayName, Gender gender,
                                         Role role, String configured, String variable, SecureRandom random) {
    boolean generated = configured == null || configured.isEmpty();
    String password = generated ? randomPassword(random) : configured;
    Set<Language> both = Set.of(Language.NB, Language.EN);
    // A chosen password is kept if the account has it already (another node, a restart), so the
    // account's sessions survive; a random one is new at every start and replaces it.
    Future<Account> saved = generated
        ? accounts.save(username, password.toCharArray(), displayName, gender, both, role)
        : accounts.ensure(username, password.toCharArray(), displayName, gender, both, role);
    return saved.onSuccess(a -> {
      if (generated) {
        System.out.println("Development " + role.name().toLowerCase() + ": username '" + username + "', password '"
            + password + "' (set " + variable + " to choose it)");
      }
    });
  }

  public static void warn() {
    String line = "*".repeat(72);
    LOG.log(Level.WARNING, "\n" + line + "\n  DEVELOPMENT MODE: a development organisation key certifies every"
        + "\n  console device and demo accounts exist. Never use this mode for real visitors."
        + "\n  Set mode=production (LYTT_MODE=production) and org.public-key for a real service.\n" + line);
  }

  private static String randomPassword(SecureRandom random) {
    String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      if (i > 0 && i % 4 == 0) {
        b.append('-');
      }
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
