package dev.switchboard.http;

/** Serves one REST route. Runs on a virtual thread: blocking calls are fine. */
@FunctionalInterface
public interface RestHandler {
    RestResponse handle(RestRequest request) throws Exception;
}
