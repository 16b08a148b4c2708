package dev.switchboard.probe;

/**
 * Entry point for the echo servers: {@code ProbeServer <netty|netty-uring|jetty|vertx|helidon> <port>}.
 * Every server accepts a WebSocket upgrade at {@code /ws}, echoes each text frame back and sends
 * nothing on its own. Prints {@code READY <server> <port> <pid>} once listening, then blocks.
 */
public final class ProbeServer {
    private ProbeServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ProbeServer <netty|netty-uring|jetty|vertx|helidon> <port>");
            System.exit(2);
        }
        String which = args[0];
        int port = Integer.parseInt(args[1]);
        switch (which) {
            case "netty" -> NettyEcho.start(port, false);
            case "netty-uring" -> NettyEcho.start(port, true);
            case "jetty" -> JettyEcho.start(port);
            case "vertx" -> VertxEcho.start(port);
            case "helidon" -> HelidonEcho.start(port);
            default -> {
                System.err.println("unknown server: " + which);
                System.exit(2);
            }
        }
        System.out.println("READY " + which + " " + port + " " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.currentThread().join(); // servers run until the process is killed
    }

    /** Event-loop / selector thread count used where the framework lets us choose: one per core. */
    static int ioThreads() {
        return Runtime.getRuntime().availableProcessors();
    }
}
