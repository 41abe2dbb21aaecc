package no.lytt.wrapup;

import io.vertx.core.Future;
import java.util.Set;
import no.lytt.lists.ListKind;
import no.lytt.lists.Lists;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;
import no.lytt.stats.Stats;

/**
 * A visitor's optional answers: "How did you find us?" while queued and "Was this helpful?" after
 * the chat. Each only adds one to a counter ({@code visitor.source.<id>},
 * {@code visitor.helpful.<yes|partly|no>}); nothing links it to the visitor. Once per visit is the
 * connection's to keep ({@link Once}).
 */
public final class VisitorAnswers {
  private static final Set<String> HELPFUL = Set.of("yes", "partly", "no");
  private final Lists lists;
  private final Stats stats;

  public VisitorAnswers(Lists lists, Stats stats) {
    this.lists = lists;
    this.stats = stats;
  }

  public Future<Void> source(String id) {
    return lists.isChoice(ListKind.SOURCES, id).compose(known -> known ? stats.count("visitor.source." + id)
        : Future.failedFuture(new LyttException(ErrorCode.NOT_FOUND, "No such source.")));
  }

  public Future<Void> helpful(String answer) {
    if (!HELPFUL.contains(answer)) {
      return Future.failedFuture(new LyttException(ErrorCode.BAD_FRAME, "Field 'answer' must be yes, partly or no."));
    }
    return stats.count("visitor.helpful." + answer);
  }

  /** What one visit has answered: each question once, a second answer is a {@code wrong_state} error. */
  public static final class Once {
    private boolean source;
    private boolean helpful;

    /** Marks the question answered, before the answer is counted, so two frames at once count once. */
    public void take(String question) {
      boolean taken = "source".equals(question) ? source : helpful;
      if (taken) {
        throw new LyttException(ErrorCode.WRONG_STATE, "This question is answered already.");
      }
      if ("source".equals(question)) {
        source = true;
      } else {
        helpful = true;
      }
    }

    /** An answer that was refused (unknown id) may be given again. */
    public void giveBack(String question) {
      if ("source".equals(question)) {
        source = false;
      } else {
        helpful = false;
      }
    }
  }
}
