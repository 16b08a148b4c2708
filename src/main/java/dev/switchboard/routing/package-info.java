/**
 * The live queue and routing of the support desk (C5, C6): customers waiting per department,
 * agents with availability, departments and a limit of concurrent chats, offers with deadlines,
 * manual picks, automatic assignment by strategy, reject, transfer and end. Everything here is pure
 * and in memory: {@link dev.switchboard.routing.RoutingEngine} decides and returns the changes as
 * {@link dev.switchboard.routing.RoutingEvent}s; storing them and announcing them on the wires is
 * the job of the storage adapter and the dialect handlers, which call this package and never the
 * other way round.
 */
package dev.switchboard.routing;
