/**
 * The Java reference client: speaks docs/protocol.md with real crypto, as a visitor
 * ({@link no.lytt.client.VisitorClient}) or a counsellor console
 * ({@link no.lytt.client.CounsellorClient}), so that tests drive the real server the way the
 * browser pages do.
 *
 * <p>Three layers, as in the browser code: {@link no.lytt.client.Transport} moves JSON frames over
 * one WebSocket; {@link no.lytt.client.Connection} and {@link no.lytt.client.ChatTraffic} hold the
 * protocol state (requests and replies, sequence numbers, acknowledgements, resume); the crypto
 * comes from {@code no.lytt.crypto} through {@link no.lytt.client.ChatSession}. Every event a test
 * may wait for is a {@link io.vertx.core.Future} ({@link no.lytt.client.FrameInbox#next}), so tests
 * never sleep.
 */
package no.lytt.client;
