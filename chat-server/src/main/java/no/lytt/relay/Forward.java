package no.lytt.relay;

/**
 * A frame for a client attached to another node, in the form the store can pass on in the same
 * step as the write the frame follows from: a message with its append, a {@code delivered} with
 * its acknowledgement. Only the store that shares the nodes' channel knows what is inside.
 */
public interface Forward {
}
