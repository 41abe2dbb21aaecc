package no.lytt.store;

import java.time.Instant;
import no.lytt.queue.CounsellorProfile;
import no.lytt.relay.ChatOffer;

/**
 * A counsellor's "accept next": who asks and the chat they offer. Whether they are on duty, and
 * how many chats they take, the store reads in the same atomic step.
 */
public record DispatchRequest(CounsellorProfile counsellor, String chatId,
                              String deviceId, ChatOffer offer, Instant now) {
}
