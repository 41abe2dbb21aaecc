package no.lytt.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import no.lytt.hours.HoursEditor;
import no.lytt.hours.Override;

/**
 * {@code /api/admin/hours}: the opening hours an administrator sets, shown with a 14-day preview.
 * Behind {@link AdminApi#requireAdmin} like every admin route; a save applies on this node at once
 * and on the others at their next hours check.
 */
public final class HoursApi {
  private final HoursEditor editor;
  private final Clock clock;

  public HoursApi(HoursEditor editor, Clock clock) {
    this.editor = editor;
    this.clock = clock;
  }

  /** Follows the store first, so a page opened on this node shows an edit made on another. */
  public void show(RoutingContext ctx) {
    answer(ctx, editor.follow().mapEmpty());
  }

  /**
   * {@code PUT}: the whole settings, as {@code GET} shows them; without {@code override} (or with
   * it null) the one in force stays (the settings are read, and refused, before that).
   */
  public void save(RoutingContext ctx) {
    answer(ctx, AuthApi.body(ctx).compose(b -> b.getValue("override") != null
        ? editor.save(HoursViews.settings(b, HoursViews.override(b)))
        : editor.saveKeepingOverride(HoursViews.settings(b, Override.SCHEDULE))).mapEmpty());
  }

  /** {@code POST .../override} {@code {"override":"open"|"closed"|"schedule"}}. */
  public void override(RoutingContext ctx) {
    answer(ctx, AuthApi.body(ctx).compose(b -> editor.override(HoursViews.override(b))).mapEmpty());
  }

  private void answer(RoutingContext ctx, Future<Void> done) {
    done.map(v -> HoursViews.view(editor.hours(), clock.instant()))
        .onSuccess(body -> ApiErrors.json(ctx, 200, body))
        .onFailure(e -> ApiErrors.reply(ctx, e));
  }
}
