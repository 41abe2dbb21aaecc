package no.lytt.relay;

/** One sealed message as the server sees it: a sequence number and ciphertext it cannot read. */
public record Envelope(long seq, String ct) {
}
