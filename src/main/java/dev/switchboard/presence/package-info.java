/**
 * Online state and typing indicators (C4), kept in memory per node: connections per user, last
 * seen, and typing with expiry. Announcing the changes is the dialect layer's job.
 */
package dev.switchboard.presence;
