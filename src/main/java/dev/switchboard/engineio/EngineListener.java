package dev.switchboard.engineio;

/**
 * Receives what happens on one Engine.IO session. Called on the session's event loop, in order;
 * implementations must not block.
 */
public interface EngineListener {
    /** A text message ({@code 4...} packet), without the packet type. */
    void onMessage(EngineSession session, String text);

    /** A binary message. */
    void onBinary(EngineSession session, byte[] data);

    /** The session is closed; called exactly once. */
    void onClose(EngineSession session, String reason);

    EngineListener NONE = new EngineListener() {
        @Override
        public void onMessage(EngineSession session, String text) {}

        @Override
        public void onBinary(EngineSession session, byte[] data) {}

        @Override
        public void onClose(EngineSession session, String reason) {}
    };
}
