/**
 * Start-up and wiring: {@code Main} reads the configuration ({@link dev.switchboard.app.ConfigLoader}
 * turning environment variables and flags into the immutable {@link dev.switchboard.app.ServerConfig},
 * with every {@link dev.switchboard.app.Setting} defined once) and builds the server's parts with
 * {@code new}. Nothing outside this package reads the environment.
 */
package dev.switchboard.app;
