package dev.switchboard.engineio;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * Adds headers to every HTTP response the Engine.IO endpoint writes, given the request's headers.
 * The HTTP layer supplies one that applies its CORS policy.
 */
@FunctionalInterface
public interface HttpDecorator {
    void decorate(HttpHeaders requestHeaders, HttpHeaders responseHeaders);

    HttpDecorator NONE = (request, response) -> {};
}
