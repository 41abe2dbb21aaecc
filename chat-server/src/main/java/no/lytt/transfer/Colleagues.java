package no.lytt.transfer;

import io.vertx.core.Future;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import no.lytt.accounts.Account;
import no.lytt.presence.Duty;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;
import no.lytt.relay.Chat;
import no.lytt.store.Store;

/**
 * Who could take a visitor from a colleague now: an enabled account on duty (not on a break) with
 * fewer chats than their capacity — the same conditions under which {@code accept} would hand them
 * a visitor from the queue.
 */
final class Colleagues {
  private final Store store;

  Colleagues(Store store) {
    this.store = store;
  }

  /** Everyone but {@code me} who could take {@code chat}'s visitor, by display name. */
  Future<List<Colleague>> onDutyFor(Account me, Chat chat) {
    return store.onDuty().compose(duties -> Future.all(duties.stream()
            .filter(d -> d.onDuty() && !d.username().equals(me.username()))
            .map(d -> colleague(d, chat)).toList())
        .map(all -> all.<Optional<Colleague>>list().stream().flatMap(Optional::stream)
            .sorted(Comparator.comparing(Colleague::displayName)).toList()));
  }

  private Future<Optional<Colleague>> colleague(Duty duty, Chat chat) {
    return Future.all(store.account(duty.username()), store.chatsOf(duty.username())).map(all -> {
      Optional<Account> account = all.resultAt(0);
      int free = duty.capacity() - all.<List<Chat>>resultAt(1).size();
      return account.filter(Account::usable).filter(a -> free > 0)
          .map(a -> new Colleague(a.username(), a.displayName(), a.profile().matches(chat.visitor()), free));
    });
  }

  /** The colleague's account, if they could take a visitor now; a typed refusal otherwise. */
  Future<Account> available(String username) {
    return Future.all(store.account(username), store.duty(username), store.chatsOf(username)).map(all -> {
      Account colleague = all.<Optional<Account>>resultAt(0).filter(Account::usable).orElseThrow(
          () -> new LyttException(ErrorCode.COLLEAGUE_UNAVAILABLE, "There is no such colleague."));
      Duty duty = all.resultAt(1);
      if (!duty.onDuty()) {
        throw new LyttException(ErrorCode.COLLEAGUE_UNAVAILABLE, "This colleague is not on duty.");
      }
      if (all.<List<Chat>>resultAt(2).size() >= duty.capacity()) {
        throw new LyttException(ErrorCode.CAPACITY_REACHED, "This colleague has no free slot.");
      }
      return colleague;
    });
  }
}
