package dev.switchboard.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RoomMembersTest {
    private static SioSocket socket(int n) {
        return new SioSocket(null, null, "s" + n, null, null);
    }

    private static List<SioSocket> sockets(int count) {
        List<SioSocket> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(socket(i));
        return out;
    }

    @Test
    void aRoomOfOneHoldsThatSocket() {
        SioSocket ann = socket(1);

        assertThat(RoomMembers.with(null, ann)).containsExactly(ann);
    }

    @Test
    void joiningTwiceKeepsOneMembership() {
        SioSocket ann = socket(1);

        Set<SioSocket> members = RoomMembers.with(RoomMembers.with(null, ann), ann);

        assertThat(members).containsExactly(ann);
    }

    @Test
    void keepsEveryMemberWhileTheRoomGrowsPastTheSmallSize() {
        List<SioSocket> all = sockets(3 * RoomMembers.SMALL);
        Set<SioSocket> members = null;
        for (SioSocket s : all) {
            members = RoomMembers.with(members, s);
            members = RoomMembers.with(members, s); // again: still once
        }

        assertThat(members).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void leavingKeepsTheOthersInASmallAndInALargeRoom() {
        for (int size : List.of(3, 2 * RoomMembers.SMALL)) {
            List<SioSocket> all = sockets(size);
            Set<SioSocket> members = null;
            for (SioSocket s : all) members = RoomMembers.with(members, s);

            members = RoomMembers.without(members, all.get(1));

            assertThat(members).as("room of %d", size).containsExactlyInAnyOrderElementsOf(
                    all.stream().filter(s -> s != all.get(1)).toList());
        }
    }

    @Test
    void aRoomIsGoneWhenItsLastMemberLeaves() {
        for (int size : List.of(1, 2 * RoomMembers.SMALL)) {
            List<SioSocket> all = sockets(size);
            Set<SioSocket> members = null;
            for (SioSocket s : all) members = RoomMembers.with(members, s);
            for (SioSocket s : all) members = RoomMembers.without(members, s);

            assertThat(members).as("room of %d", size).isNull();
        }
    }

    @Test
    void leavingARoomOneIsNotInChangesNothing() {
        SioSocket ann = socket(1);
        Set<SioSocket> members = RoomMembers.with(null, ann);

        assertThat(RoomMembers.without(members, socket(2))).isSameAs(members);
        assertThat(RoomMembers.without(null, ann)).isNull();
    }

    @Test
    void aSetHandedOutEarlierStaysAsItWasWhileASmallRoomChanges() {
        SioSocket ann = socket(1);
        Set<SioSocket> before = RoomMembers.with(null, ann);

        RoomMembers.with(before, socket(2));
        RoomMembers.without(before, ann);

        assertThat(before).containsExactly(ann);
    }

    @Test
    void concurrentJoinsAndLeavesThroughAMapLoseNoMember() throws Exception {
        ConcurrentHashMap<String, Set<SioSocket>> rooms = new ConcurrentHashMap<>();
        List<SioSocket> stay = sockets(200);
        List<SioSocket> go = sockets(200);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (List<SioSocket> part : List.of(stay.subList(0, 100), stay.subList(100, 200), go)) {
                threads.execute(() -> {
                    awaitQuietly(start);
                    for (SioSocket s : part) rooms.compute("r", (r, m) -> RoomMembers.with(m, s));
                    if (part == go) {
                        for (SioSocket s : part) rooms.computeIfPresent("r", (r, m) -> RoomMembers.without(m, s));
                    }
                });
            }
            start.countDown();
        } finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(rooms.get("r")).containsExactlyInAnyOrderElementsOf(stay);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
