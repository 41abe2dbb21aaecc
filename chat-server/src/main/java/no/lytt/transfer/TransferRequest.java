package no.lytt.transfer;

import java.time.Instant;
import no.lytt.queue.CounsellorProfile;
import no.lytt.relay.ChatOffer;

/**
 * The colleague's side of a hand-over: the running chat {@code fromChatId} is to become a new
 * offered chat {@code chatId} with the colleague's own fresh chat key, if the colleague has a free
 * slot within {@code capacity} and was asked for it.
 */
public record TransferRequest(String fromChatId, CounsellorProfile to, int capacity, String chatId,
                              String deviceId, ChatOffer offer, Instant now) {
}
