package no.lytt.store.redis;

import no.lytt.relay.Forward;

/**
 * A frame for the node a client is attached to, as {@code route_lib.lua} takes it: the client's
 * location key, the inbox channels' prefix, the message for that inbox, and the node sending it
 * (a client located there is not forwarded to: it is on its way here, or gone).
 */
record InboxForward(String location, String inbox, String payload, String here) implements Forward {
}
