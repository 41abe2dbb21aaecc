package no.lytt.transfer;

/**
 * A colleague a running chat could be handed to: on duty with a free slot.
 *
 * @param matches whether they fit the visitor's wish for a man or a woman and the visitor's language
 * @param free    how many more chats they can take now
 */
public record Colleague(String username, String displayName, boolean matches, int free) {
}
