package no.lytt.store;

import java.time.Instant;
import no.lytt.queue.CounsellorProfile;
import no.lytt.relay.ChatOffer;

/** A counsellor's "accept next": who asks, how many chats they take, and the chat they offer. */
public record DispatchRequest(CounsellorProfile counsellor, int capacity, String chatId,
                              String deviceId, ChatOffer offer, Instant now) {
}
