package no.lytt.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import no.lytt.stats.StatisticsQuery;
import no.lytt.stats.StatisticsReport;
import no.lytt.stats.Stats;
import no.lytt.supervision.ServiceOverview;

/**
 * {@code /api/admin/statistics}, {@code /api/admin/statistics.csv} and {@code /api/admin/overview}:
 * what a supervisor sees of the service — anonymous counters and the live state, never content.
 * Behind {@link AdminApi#requireAdmin} like every admin route.
 */
public final class SupervisionApi {
  private final Stats stats;
  private final ServiceOverview overview;

  public SupervisionApi(Stats stats, ServiceOverview overview) {
    this.stats = stats;
    this.overview = overview;
  }

  public void statistics(RoutingContext ctx) {
    report(ctx)
        .onSuccess(report -> ApiErrors.json(ctx, 200, StatisticsViews.json(report)))
        .onFailure(e -> ApiErrors.reply(ctx, e));
  }

  public void statisticsCsv(RoutingContext ctx) {
    report(ctx)
        .onSuccess(report -> ctx.response().setStatusCode(200)
            .putHeader("Content-Type", "text/csv; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"lytt-statistics-" + report.query().from()
                + "-" + report.query().to() + "-" + report.query().by().wire() + ".csv\"")
            .end(StatisticsViews.csv(report)))
        .onFailure(e -> ApiErrors.reply(ctx, e));
  }

  public void overview(RoutingContext ctx) {
    overview.now().onSuccess(s -> ApiErrors.json(ctx, 200, StatisticsViews.overview(s)))
        .onFailure(e -> ApiErrors.reply(ctx, e));
  }

  /** A malformed query fails the future with its {@code bad_frame}, like any other failure. */
  private Future<StatisticsReport> report(RoutingContext ctx) {
    return Future.succeededFuture(ctx).map(SupervisionApi::query).compose(stats::report);
  }

  private static StatisticsQuery query(RoutingContext ctx) {
    return StatisticsQuery.parse(ctx.request().getParam("from"), ctx.request().getParam("to"),
        ctx.request().getParam("by"));
  }
}
