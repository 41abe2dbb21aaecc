package no.lytt.socket;

import io.vertx.core.Future;
import java.util.function.Supplier;
import no.lytt.accounts.Account;
import no.lytt.accounts.Device;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.Fields;
import no.lytt.protocol.Frames;
import no.lytt.protocol.LyttException;
import no.lytt.transfer.TransferFrames;

/**
 * A console's frames for handing a chat to a colleague (docs/protocol.md): the list of colleagues,
 * asking one, and — on the colleague's console — taking the visitor with a fresh chat key.
 */
final class ConsoleTransfers {
  private final Connection conn;
  private final SocketServices s;
  private final Account account;
  private final Supplier<Device> device;

  ConsoleTransfers(Connection conn, SocketServices services, Account account, Supplier<Device> device) {
    this.conn = conn;
    this.s = services;
    this.account = account;
    this.device = device;
  }

  Future<?> handle(String type, Fields f) {
    return switch (type) {
      case "colleagues" -> colleagues(f);
      case "transfer" -> transfer(f);
      case "take" -> take(f);
      case "decline" -> s.transfers().decline(account, f.string("transferId", 64));
      default -> throw new LyttException(ErrorCode.UNKNOWN_TYPE, "Unknown frame type.");
    };
  }

  private Future<?> colleagues(Fields f) {
    String chatId = f.string("chatId", 64);
    return s.transfers().colleagues(account, chatId)
        .onSuccess(list -> conn.send(TransferFrames.colleagues(chatId, list)));
  }

  private Future<?> transfer(Fields f) {
    String chatId = f.string("chatId", 64);
    String to = f.string("to", 64);
    return s.transfers().ask(account, chatId, to)
        .onSuccess(colleague -> conn.send(TransferFrames.transferring(chatId, colleague.username(),
            colleague.displayName())));
  }

  /** As {@code accept}, with the chat the colleague hands over instead of the queue's next visitor. */
  private Future<?> take(Fields f) {
    String transferId = f.string("transferId", 64);
    Device d = device.get();
    if (d == null) {
      return s.transfers().decline(account, transferId).compose(v -> Future.failedFuture(new LyttException(
          ErrorCode.DEVICE_NOT_CERTIFIED, "Say hello with a certified device first.")));
    }
    String chatId = f.b64u("chatId", 16);
    String chatPub = f.b64u("chatPub", 32);
    String sig = f.b64u("chatKeySig", 64);
    return s.transfers().take(account, d, transferId, chatId, chatPub, sig).onSuccess(chat -> {
      conn.send(Frames.chatEvent("accepted", chat.chatId()).put("visitor", Frames.visitorSummary(chat.visitor()))
          .put("transferred", true));
      s.offerTimeouts().offered(chat.chatId());
      s.clients().queueChanged();
    });
  }
}
