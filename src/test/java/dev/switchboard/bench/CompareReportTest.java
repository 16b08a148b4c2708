package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompareReportTest {
    /** Two rounds of pingpong-10k, a start-up and a failed maxrate run of Switchboard and Node: a file from before the relay. */
    private static final String TWO_SERVERS = """
            {"round":1,"server":"switchboard","name":"startup","result":{"scenario":"startup","startupMillis":800,"attempts":30,"loadAverage":"1.50"}}
            {"round":1,"server":"node","name":"startup","result":{"scenario":"startup","startupMillis":200,"attempts":8,"loadAverage":"1.60"}}
            {"round":1,"server":"switchboard","name":"pingpong-10k","result":{"p99Ms":4.2,"lost":0,"duplicated":0,"ackErrors":0,"serverCpuUsPerDelivery":30.0,"loadAverage":"2.10"}}
            {"round":1,"server":"node","name":"pingpong-10k","result":{"p99Ms":9.0,"lost":0,"duplicated":0,"ackErrors":0,"serverCpuUsPerDelivery":50.0,"loadAverage":"2.20"}}
            {"round":2,"server":"switchboard","name":"pingpong-10k","result":{"p99Ms":5.0,"lost":0,"duplicated":0,"ackErrors":0,"serverCpuUsPerDelivery":34.0,"loadAverage":"2.00"}}
            {"round":2,"server":"node","name":"pingpong-10k","result":{"p99Ms":11.0,"lost":0,"duplicated":0,"ackErrors":0,"serverCpuUsPerDelivery":54.0,"loadAverage":"2.30"}}
            {"round":1,"server":"switchboard","name":"maxrate","result":{"maxSustainedRate":20000,"loadAverage":"1.90"}}
            {"round":1,"server":"node","name":"maxrate","result":{"error":"no result, see maxrate-node-r1.gen.log"}}
            """;

    /** What CompareReport printed for {@link #TWO_SERVERS} before it knew the relay. */
    private static final String TWO_SERVERS_TABLE = """
            | measure | Switchboard | Node reference | ratio SB/Node | target (issue 3) | met |
            |---|---:|---:|---:|---|---|
            | start-up to first accepted connection, ms | 800 (n=1) | 200 (n=1) | 4× | < 1500 | met |
            | 10k msg/s: delivery p99, ms | 4.60 (n=2) | 10 (n=2) | 0.46× | ≤ 25 | met |
            | 10k msg/s: lost | 0 (n=2) | 0 (n=2) | – | 0 | met |
            | 10k msg/s: duplicated | 0 (n=2) | 0 (n=2) | – | 0 | met |
            | 10k msg/s: refused (ack ok:false) | 0 (n=2) | 0 (n=2) | – | 0 | met |
            | 10k msg/s: server CPU µs per delivery | 32 (n=2) | 52 (n=2) | 0.62× | ≤ 35 | met |
            | max sustained msg/s (p99 ≤ 50 ms, none lost; after 2k msg/s unmeasured) | 20,000 (n=1) | – | – | ≥ Node | ? |

            Medians over rounds (n = runs). Load average (1 min) at the end of the runs: 1.50–2.30.

            - ERROR round 1 maxrate/node: no result, see maxrate-node-r1.gen.log""";

    @Test
    void aFileWithoutRelayRunsPrintsTheTwoServerTableAsBefore() throws Exception {
        assertThat(CompareReport.report(TWO_SERVERS.lines().toList(), null)).isEqualTo(TWO_SERVERS_TABLE);
    }

    @Test
    void machineTextComesFirstInAFence() throws Exception {
        assertThat(CompareReport.report(TWO_SERVERS.lines().toList(), "nproc: 2\n"))
                .startsWith("```\nnproc: 2\n```\n\n| measure |");
    }

    @Test
    void aFileWithRelayRunsShowsItsMedianAndTheRatioSwitchboardToRelay() throws Exception {
        String table = CompareReport.report(threeServers(37, 39), null);

        assertThat(table).contains(
                "| measure | Switchboard | Node reference | bare ws relay | ratio SB/Node | ratio SB/relay | target (issue 3) | met |\n"
                        + "|---|---:|---:|---:|---:|---:|---|---|\n",
                "| start-up to first accepted connection, ms | 800 (n=1) | 200 (n=1) | 100 (n=1) | 4× | 8× | < 1500 | met |",
                "| 10k msg/s: server CPU µs per delivery | 32 (n=2) | 52 (n=2) | 38 (n=2) | 0.62× | 0.84× | ≤ 35 | met |",
                // no relay run of maxrate: a dash, not an empty cell
                "| max sustained msg/s (p99 ≤ 50 ms, none lost; after 2k msg/s unmeasured) | 20,000 (n=1) | 18,000 (n=1) | – | 1.11× | – | ≥ Node | met |");
    }

    @Test
    void switchboardAtOrBelowTheRelaysCpuPerDeliveryMeetsTheRelayRow() throws Exception {
        assertThat(CompareReport.report(threeServers(37, 39), null)).contains(
                "| 10k msg/s: server CPU per delivery vs the bare relay (same run) | 32 (n=2) | 52 (n=2) | 38 (n=2) | 0.62× | 0.84× | ≤ relay | met |");
    }

    @Test
    void switchboardAboveTheRelaysCpuPerDeliveryMissesTheRelayRowWhileMeetingTheAbsoluteTarget() throws Exception {
        String table = CompareReport.report(threeServers(25, 27), null);

        assertThat(table).contains(
                "| 10k msg/s: server CPU µs per delivery | 32 (n=2) | 52 (n=2) | 26 (n=2) | 0.62× | 1.23× | ≤ 35 | met |",
                "| 10k msg/s: server CPU per delivery vs the bare relay (same run) | 32 (n=2) | 52 (n=2) | 26 (n=2) | 0.62× | 1.23× | ≤ relay | not met |");
    }

    @Test
    void theRelayRowIsLeftOutWhenTheRelayHasNoPingPongRuns() throws Exception {
        List<String> lines = threeServers(37, 39).stream().filter(l -> !l.contains("\"relay\",\"name\":\"pingpong-10k\"")).toList();

        assertThat(CompareReport.report(lines, null)).contains("bare ws relay").doesNotContain("vs the bare relay");
    }

    @Test
    void theSecondTenThousandRunOnTheSameServerHasRowsOfItsOwnJudgedByTheSameTargets() throws Exception {
        List<String> lines = new ArrayList<>(threeServers(37, 39));
        lines.add("{\"round\":1,\"server\":\"switchboard\",\"name\":\"pingpong-10k-warm\",\"result\":"
                + "{\"p99Ms\":30.0,\"lost\":0,\"duplicated\":0,\"serverCpuUsPerDelivery\":36.0}}");
        lines.add("{\"round\":1,\"server\":\"relay\",\"name\":\"pingpong-10k-warm\",\"result\":"
                + "{\"p99Ms\":3.0,\"lost\":0,\"duplicated\":0,\"serverCpuUsPerDelivery\":40.0}}");

        assertThat(CompareReport.report(lines, null)).contains(
                "| 10k msg/s: server CPU µs per delivery | 32 (n=2) | 52 (n=2) | 38 (n=2) | 0.62× | 0.84× | ≤ 35 | met |",
                "| 10k msg/s again, same server after its first 10k run, new pairs: delivery p99, ms | 30 (n=1) | – | 3 (n=1) | – | 10× | ≤ 25 | not met |",
                "| 10k msg/s again: server CPU µs per delivery | 36 (n=1) | – | 40 (n=1) | – | 0.90× | ≤ 35 | not met |",
                "| 10k msg/s again: server CPU per delivery vs the bare relay (same run) | 36 (n=1) | – | 40 (n=1) | – | 0.90× | ≤ relay | met |");
    }

    @Test
    void oneRoundThatLostMessagesMakesTheLostRowNotMetThoughTheMedianIsZero() throws Exception {
        List<String> lines = new ArrayList<>(threeServers(37, 39));
        lines.add("{\"round\":3,\"server\":\"switchboard\",\"name\":\"pingpong-10k\",\"result\":"
                + "{\"p99Ms\":0.0,\"lost\":2500,\"duplicated\":0,\"ackErrors\":0,\"serverCpuUsPerDelivery\":0.0}}");

        assertThat(CompareReport.report(lines, null)).contains(
                "| 10k msg/s: lost | 0 (n=3, worst 2,500) | 0 (n=2) | 0 (n=2) | – | – | 0 | not met |",
                "| 10k msg/s: duplicated | 0 (n=3) | 0 (n=2) | 0 (n=2) | – | – | 0 | met |",
                "| 10k msg/s: delivery p99, ms | 4.20 (n=3) | 10 (n=2) | 3.25 (n=2) | 0.42× | 1.29× | ≤ 25 | not met (messages lost) |");
    }

    /** {@link #TWO_SERVERS} with maxrate's Node run and the relay: start-up, and pingpong-10k at the CPU per delivery given. */
    private static List<String> threeServers(double relayCpuRound1, double relayCpuRound2) {
        String relay = """
                {"round":1,"server":"relay","name":"startup","result":{"scenario":"startup","startupMillis":100,"attempts":5,"loadAverage":"1.40"}}
                {"round":1,"server":"relay","name":"pingpong-10k","result":{"p99Ms":3.0,"lost":0,"duplicated":0,"ackErrors":0,"serverCpuUsPerDelivery":%s,"loadAverage":"2.00"}}
                {"round":2,"server":"relay","name":"pingpong-10k","result":{"p99Ms":3.5,"lost":0,"duplicated":0,"ackErrors":0,"serverCpuUsPerDelivery":%s,"loadAverage":"2.00"}}
                """.formatted(relayCpuRound1, relayCpuRound2);
        String nodeMaxrate = "{\"round\":1,\"server\":\"node\",\"name\":\"maxrate\",\"result\":{\"maxSustainedRate\":18000}}\n";
        return (TWO_SERVERS.replace("{\"error\":\"no result, see maxrate-node-r1.gen.log\"}", "{}") + nodeMaxrate + relay)
                .lines().toList();
    }
}
