package no.lytt.accounts;

import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.Ids;
import no.lytt.protocol.LyttException;
import no.lytt.store.Store;

/**
 * Invitations: how an account made by an administrator gets its password and second factor from
 * the person it is for, so no administrator ever knows either. The token is 256 random bits, shown
 * once in the link and stored only as its hash; it ends after {@link #VALIDITY}, when it is used, or
 * when the account is reset (a newer invitation replaces it).
 *
 * <p>An unknown, expired, used or replaced token all get the same {@code invalid_invitation}
 * answer, after the same single store lookup, so a guesser learns nothing about which exist.
 */
public final class Invitations {
  /** Long enough to reach someone over a weekend, short enough that a forgotten link goes stale. */
  public static final Duration VALIDITY = Duration.ofHours(72);
  /** The issuer name authenticator apps show next to the code. */
  public static final String ISSUER = "Lytt";
  private static final int TOKEN_BYTES = 32;
  private static final int MAX_TOKEN_LENGTH = 64;

  private final Store store;
  private final Passwords passwords;
  private final Ids ids;
  private final SecureRandom random;
  private final Clock clock;

  public Invitations(Store store, Passwords passwords, Ids ids, SecureRandom random, Clock clock) {
    this.store = store;
    this.passwords = passwords;
    this.ids = ids;
    this.random = random;
    this.clock = clock;
  }

  /** A new invitation for the account as it is now; its token is returned once and kept nowhere. */
  public Future<IssuedInvitation> issue(Account account) {
    String token = ids.random(TOKEN_BYTES);
    Instant until = clock.instant().plus(VALIDITY);
    return store.saveInvitation(Ids.hash(token), Invitation.of(account, until))
        .map(new IssuedInvitation(account.username(), token, until));
  }

  /** The account an invitation is for, as the invitee may see it (name and display name). */
  public Future<Account> invitee(String token) {
    return live(token).map(Live::account);
  }

  /**
   * First step of accepting: the invitee's new password and a fresh second-factor secret are kept
   * with the invitation (the account does not change yet) and the secret is returned for the
   * authenticator app. Calling it again replaces both, so a mistyped enrolment can be started over.
   */
  public Future<Enrolment> enrol(String token, String password) {
    Optional<String> weakness = Passwords.weakness(password, "");
    if (weakness.isPresent()) {
      return Future.failedFuture(new LyttException(ErrorCode.WEAK_PASSWORD, weakness.get()));
    }
    String secret = Totp.newSecret(random);
    return live(token).compose(found -> passwords.hash(password.toCharArray())
        .compose(hash -> store.saveInvitation(found.hash(), found.invitation().withPending(hash, secret)))
        .map(new Enrolment(secret, Totp.enrolmentUri(ISSUER, found.account().username(), secret))));
  }

  /**
   * Second step: one valid code from the app proves the enrolment worked. Only then does the account
   * get the password and second factor (in a new generation, so any older session ends) and the
   * invitation is used up, by whichever request deletes it first.
   */
  public Future<Account> confirm(String token, String code) {
    return live(token).compose(found -> {
      Invitation invitation = found.invitation();
      if (!invitation.enrolled()) {
        return Future.failedFuture(new LyttException(ErrorCode.WRONG_STATE, "Choose a password first."));
      }
      OptionalLong step = Totp.verify(invitation.pendingSecret(), code == null ? "" : code.strip(), clock.instant(), 0);
      if (step.isEmpty()) {
        return Future.failedFuture(new LyttException(ErrorCode.BAD_CREDENTIALS,
            "That code is not right. Check the app and the clock of the phone, and try again."));
      }
      Account ready = found.account().activated(invitation.pendingPasswordHash(), invitation.pendingSecret(),
          step.getAsLong());
      return store.deleteInvitation(found.hash()).compose(mine -> mine
          ? store.saveAccount(ready).map(ready) : Future.failedFuture(invalid()));
    });
  }

  /** The new second factor, for the authenticator app: the base32 secret and the same as a link. */
  public record Enrolment(String secret, String otpauth) {
    @Override
    public String toString() {
      return "Enrolment[…]";
    }
  }

  private record Live(String hash, Invitation invitation, Account account) {
  }

  private Future<Live> live(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return Future.failedFuture(invalid());
    }
    String hash = Ids.hash(token);
    return store.invitation(hash).compose(found -> found.isEmpty()
        ? Future.failedFuture(invalid())
        : store.account(found.get().username()).compose(account -> account
            .filter(a -> a.generation() == found.get().generation() && !a.disabled())
            .map(a -> Future.succeededFuture(new Live(hash, found.get(), a)))
            .orElseGet(() -> Future.failedFuture(invalid()))));
  }

  private static LyttException invalid() {
    return new LyttException(ErrorCode.INVALID_INVITATION,
        "This link does not work (any more). Ask an administrator for a new one.");
  }
}
