package no.lytt.logging;

import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import no.lytt.config.OpsConfig;

/**
 * Points {@code System.Logger} (which goes to java.util.logging) at standard error, in the format
 * and at the level the configuration names. Standard error because systemd's journal and every
 * container runtime collect it; rotation and retention are theirs.
 */
public final class LogSetup {
  private LogSetup() {
  }

  public static void install(OpsConfig ops) {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    ConsoleHandler handler = new ConsoleHandler();
    handler.setLevel(Level.ALL);
    if (ops.logFormat() == OpsConfig.LogFormat.JSON) {
      handler.setFormatter(new JsonLogFormatter());
    } else {
      // One line per record, for a person reading a terminal.
      System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
      handler.setFormatter(new TextLogFormatter());
    }
    root.addHandler(handler);
    LogLevels.set(ops.logLevel());
  }
}
