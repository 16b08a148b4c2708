package dev.switchboard.app;

/** Command-line entry point: reads the configuration and starts one Switchboard server. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        throw new UnsupportedOperationException("the server is being assembled; see issue 2");
    }
}
