package org.callway.audit;

/**
 * Who made a change and from where: the identity provider's stable {@code subject} (a token's
 * {@code sub}, or the local user's name), the name people know them by ({@code
 * preferred_username}, or the local user's name), and the client's address.
 */
public record Actor(String subject, String username, String address) {
}
