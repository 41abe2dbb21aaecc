package no.lytt.relay;

import java.util.Map;

/**
 * What the counsellor's device publishes for one chat: a fresh X25519 public key signed with its
 * identity key, and the organisation's certificate for that device. The server only passes it on;
 * the visitor's page verifies it against the pinned organisation key.
 */
public record ChatOffer(String chatPub, String chatKeySig, Map<String, Object> certificate) {
  public ChatOffer {
    certificate = Map.copyOf(certificate);
  }
}
