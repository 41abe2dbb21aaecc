package no.lytt.loadgen;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code scenario=idle visitors=N}: N connections that do nothing more — for Lytt, visitors
 * connected and queued (the queue's position updates still reach them); for the peers, N/2 idle
 * pairs. Memory is read after a GC at N/2 and at N connections; the difference divided by N/2 is
 * the cost of one connection, free of whatever the process holds at start.
 */
final class IdleScenario {
  private IdleScenario() {
  }

  static void run(Settings s, Report report) throws InterruptedException {
    Stack.Target target = RelayScenario.target(s);
    int total = s.integer("visitors", 200);
    int half = total / 2;
    double settle = s.decimal("settle", 5);
    boolean redis = s.flag("redis", false);
    try (Stack stack = Stack.start(s, target, 1, redis, 0);
         LoadClients clients = new LoadClients(total)) {
      Tracker tracker = new Tracker(1, 1);
      ProcessStats.Memory[] at = new ProcessStats.Memory[3];
      at[0] = stack.memory();
      int held = 0;
      LyttChats lytt = new LyttChats(clients.vertx, clients.sources, stack.lyttNodes(), tracker, 0, 0, 1);
      for (int round = 1; round <= 2; round++) {
        long t0 = System.nanoTime();
        if (target == Stack.Target.LYTT) {
          LoadClients.await(lytt.queued(0, half), 3600);
        } else {
          int port = stack.ports().get(0);
          SocketPairs pairs = new SocketPairs(target == Stack.Target.BARE ? SocketPairs.Protocol.BARE
              : SocketPairs.Protocol.SOCKET_IO, clients.sources, List.of(port, port), tracker, round * total);
          LoadClients.await(pairs.open(half / 2), 3600);
          held += pairs.connections();
        }
        double connectSeconds = (System.nanoTime() - t0) / 1e9;
        Thread.sleep((long) (settle * 1000));
        at[round] = stack.memory();
        Map<String, Object> row = report.row();
        row.put("scenario", "idle");
        row.put("target", target.name().toLowerCase(Locale.ROOT));
        row.put("connections", target == Stack.Target.LYTT ? lytt.connections() : held);
        row.put("connect_s", Math.round(connectSeconds * 10) / 10.0);
        Report.memory(row, at[round]);
        if (round == 2) {
          double perConn = half;
          row.put("heap_kb_per_conn", Math.round((at[2].heapKb() - at[1].heapKb()) / perConn * 100) / 100.0);
          row.put("direct_kb_per_conn", Math.round((at[2].directKb() - at[1].directKb()) / perConn * 100) / 100.0);
          row.put("rss_kb_per_conn", Math.round((at[2].rssKb() - at[1].rssKb()) / perConn * 100) / 100.0);
        }
        row.put("errors", tracker.errors());
        row.put("load_avg", Report.loadAverage());
      }
      LoadClients.await(lytt.close(), 300);
    }
  }
}
