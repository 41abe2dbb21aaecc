package no.lytt.callback;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import no.lytt.accounts.Device;
import no.lytt.store.Store;

/**
 * Keeps of a new item only the copies sealed to devices of the team now: a copy for a device the
 * store does not know, or one revoked or expired, could never be opened, and would only take room
 * in the durable Redis and show up as "unreadable" in every console.
 */
final class TeamCopies {
  private TeamCopies() {
  }

  static Future<NewItem> keep(Store store, NewItem item, Instant now) {
    if (item.sealed().isEmpty()) {
      return Future.succeededFuture(item);
    }
    return store.devices().map(all -> {
      Set<String> team = all.stream().filter(d -> d.servesTeamAt(now)).map(Device::deviceId)
          .collect(Collectors.toSet());
      Map<String, Item.Sealed> kept = item.sealed().entrySet().stream().filter(e -> team.contains(e.getKey()))
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      if (kept.isEmpty()) {
        throw NewItem.bad("No sealed copy is for a device of the team; fetch the team's keys again.");
      }
      return new NewItem(item.id(), item.lookup(), kept);
    });
  }
}
