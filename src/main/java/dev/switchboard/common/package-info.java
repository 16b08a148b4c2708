/**
 * What every feature shares and nothing else: the error model ({@link dev.switchboard.common.ErrorCode},
 * {@link dev.switchboard.common.SwitchboardException}) and small value helpers.
 */
package dev.switchboard.common;
