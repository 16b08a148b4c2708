package dev.switchboard.dialect;

import dev.switchboard.identity.User;

/** What Switchboard keeps per connection: who it is and the queue its events run on. */
public record SocketState(User user, SerialExecutor work) {}
