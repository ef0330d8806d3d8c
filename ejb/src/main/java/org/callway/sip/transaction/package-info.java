/**
 * The transaction layer (RFC 3261 §17 with RFC 6026's Accepted state): INVITE and non-INVITE,
 * client and server, each an explicit state table — an {@code enum State}, a sealed input type,
 * one handler per state. Timers run on a {@link org.callway.sip.transaction.Scheduler}, so tests
 * drive them with a fake clock and the container runs them on its managed executor.
 */
package org.callway.sip.transaction;
