import java.nio.*; import java.nio.channels.*; import java.nio.file.*; import java.lang.management.*;
public class JournalWrite {
  public static void main(String[] a) throws Exception {
    int n = 200_000, rec = Integer.parseInt(a.length > 0 ? a[0] : "250");
    byte[] b = new byte[rec]; java.util.Arrays.fill(b, (byte) 7);
    ThreadMXBean t = ManagementFactory.getThreadMXBean();
    Path dir = Files.createTempDirectory("jw");
    for (int round = 0; round < 4; round++) {
      Path f1 = dir.resolve("w" + round);
      try (FileChannel ch = FileChannel.open(f1, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        long c0 = t.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) { ByteBuffer bb = ByteBuffer.wrap(b); while (bb.hasRemaining()) ch.write(bb); }
        long c1 = t.getCurrentThreadCpuTime();
        System.out.printf("round %d write(): %.2f us/record%n", round, (c1 - c0) / 1e3 / n);
      }
      Path f2 = dir.resolve("m" + round);
      try (FileChannel ch = FileChannel.open(f2, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        long c0 = t.getCurrentThreadCpuTime();
        MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, (long) n * rec + 4096);
        for (int i = 0; i < n; i++) m.put(b);
        long c1 = t.getCurrentThreadCpuTime();
        System.out.printf("round %d mapped fresh: %.2f us/record%n", round, (c1 - c0) / 1e3 / n);
        m.force(); m.position(0);
        long c2 = t.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) m.put(b);
        long c3 = t.getCurrentThreadCpuTime();
        System.out.printf("round %d mapped reused: %.2f us/record%n", round, (c3 - c2) / 1e3 / n);
      }
      Files.delete(f1); Files.delete(f2);
    }
  }
}
