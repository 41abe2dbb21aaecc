package no.lytt.accounts;

import io.vertx.core.Future;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;
import no.lytt.queue.Gender;
import no.lytt.queue.Language;
import no.lytt.store.Store;

/**
 * What an administrator does with accounts: list them, invite a new one, disable and enable,
 * reset (a new invitation; the old password and second factor stop working), and edit the profile.
 * Whoever calls this has been checked to be an administrator; this class keeps the rules that
 * hold whoever asks: names are never reused, and the service never loses its last enabled
 * administrator to a disabling, a demotion or a reset.
 *
 * <p>That last check reads the accounts and then writes one, so two administrators disabling each
 * other at the same instant could both pass it; {@code accounts add-admin} on the command line is
 * the way back in.
 */
public final class AccountAdmin {
  /** The same rule as {@code accounts add-admin}. */
  public static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,31}");
  private static final int MAX_DISPLAY_NAME = 40;

  private final Store store;
  private final Invitations invitations;

  public AccountAdmin(Store store, Invitations invitations) {
    this.store = store;
    this.invitations = invitations;
  }

  /** Every account, by username. */
  public Future<List<Account>> list() {
    return store.accounts().map(all -> all.stream().sorted(Comparator.comparing(Account::username)).toList());
  }

  /** A new account without a password, and the invitation that lets its owner set one. */
  public Future<IssuedInvitation> invite(String username, String displayName, Gender gender, Set<Language> languages,
                                         Role role) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      return Future.failedFuture(new LyttException(ErrorCode.BAD_FRAME,
          "A username is 2 to 32 lowercase letters, digits, '.', '_' or '-', starting with a letter."));
    }
    Account account = Account.invited(username, checkedName(displayName), gender, checkedLanguages(languages), role);
    return store.createAccount(account).compose(created -> created ? invitations.issue(account)
        : Future.failedFuture(new LyttException(ErrorCode.NAME_TAKEN, "That username is taken.")));
  }

  /** Disabled: its sessions end at once (the caller closes its consoles). Enabled: it may log in again. */
  public Future<Account> setDisabled(String username, boolean off) {
    return change(username, a -> a.disabled() == off ? a : a.withDisabled(off));
  }

  /**
   * Password and second factor gone, every session over, and a new invitation returned; an older
   * invitation no longer fits the account.
   */
  public Future<IssuedInvitation> reset(String username) {
    return change(username, Account::reset).compose(invitations::issue);
  }

  public Future<Account> edit(String username, String displayName, Gender gender, Set<Language> languages, Role role) {
    String name = checkedName(displayName);
    Set<Language> langs = checkedLanguages(languages);
    return change(username, a -> a.withProfile(name, gender, langs, role));
  }

  private Future<Account> change(String username, UnaryOperator<Account> how) {
    return store.account(username).compose(found -> {
      Account before = found.orElseThrow(() -> new LyttException(ErrorCode.NOT_FOUND, "No such account."));
      Account after = how.apply(before);
      return keepsAnAdministrator(before, after).compose(v -> store.saveAccount(after)).map(after);
    });
  }

  private Future<Void> keepsAnAdministrator(Account before, Account after) {
    if (!isWorkingAdmin(before) || isWorkingAdmin(after)) {
      return Future.succeededFuture();
    }
    return store.accounts().compose(all -> all.stream()
        .anyMatch(a -> !a.username().equals(before.username()) && isWorkingAdmin(a))
        ? Future.<Void>succeededFuture()
        : Future.failedFuture(new LyttException(ErrorCode.LAST_ADMINISTRATOR,
            "This is the last enabled administrator; make another one first.")));
  }

  private static boolean isWorkingAdmin(Account a) {
    return a.role() == Role.ADMIN && a.usable();
  }

  private static String checkedName(String displayName) {
    String name = displayName == null ? "" : displayName.strip();
    if (name.isEmpty() || name.length() > MAX_DISPLAY_NAME) {
      throw new LyttException(ErrorCode.BAD_FRAME, "A display name has 1 to " + MAX_DISPLAY_NAME + " characters.");
    }
    return name;
  }

  private static Set<Language> checkedLanguages(Set<Language> languages) {
    if (languages == null || languages.isEmpty()) {
      throw new LyttException(ErrorCode.BAD_FRAME, "Choose at least one language.");
    }
    return languages;
  }
}
