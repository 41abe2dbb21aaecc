package no.lytt;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerOptions;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import no.lytt.accounts.AccountAdmin;
import no.lytt.accounts.AccountService;
import no.lytt.accounts.DeviceAdmin;
import no.lytt.accounts.Invitations;
import no.lytt.accounts.DeviceCertifier;
import no.lytt.accounts.DeviceService;
import no.lytt.accounts.DevelopmentCertifier;
import no.lytt.accounts.DevelopmentSetup;
import no.lytt.accounts.Passwords;
import no.lytt.callback.CallbackSchedule;
import no.lytt.callback.CallbackService;
import no.lytt.callback.HourlyAllowance;
import no.lytt.callback.CodeLookups;
import no.lytt.callback.ItemSweeper;
import no.lytt.callback.TicketService;
import no.lytt.config.CallbacksConfig;
import no.lytt.config.LimitsConfig;
import no.lytt.config.LyttConfig;
import no.lytt.config.StoreConfig;
import no.lytt.crypto.B64u;
import no.lytt.crypto.OrgKey;
import no.lytt.drain.DrainState;
import no.lytt.drain.NodeDrain;
import no.lytt.hours.Hours;
import no.lytt.hours.HoursEditor;
import no.lytt.http.AdminApi;
import no.lytt.http.AuthApi;
import no.lytt.http.CallbackApi;
import no.lytt.http.ClientAddresses;
import no.lytt.http.HoursApi;
import no.lytt.http.HttpServerVerticle;
import no.lytt.http.InvitationApi;
import no.lytt.http.ListsApi;
import no.lytt.lists.Lists;
import no.lytt.http.ManagementServer;
import no.lytt.http.Origins;
import no.lytt.http.Pages;
import no.lytt.http.SecurityHeaders;
import no.lytt.http.SupervisionApi;
import no.lytt.metrics.LyttMetrics;
import no.lytt.metrics.RedisCommandMetrics;
import no.lytt.metrics.ServiceSampler;
import no.lytt.presence.DutyService;
import no.lytt.protocol.Ids;
import no.lytt.queue.Dispatcher;
import no.lytt.queue.QueueService;
import no.lytt.queue.ServiceStatus;
import no.lytt.queue.WaitEstimator;
import no.lytt.relay.RelayService;
import no.lytt.relay.Side;
import no.lytt.socket.GraceTimers;
import no.lytt.socket.Limits;
import no.lytt.socket.Clients;
import no.lytt.socket.Arrivals;
import no.lytt.socket.Coalescer;
import no.lytt.socket.OfferTimeouts;
import no.lytt.socket.Paced;
import no.lytt.socket.ConnectionsPerSource;
import no.lytt.socket.LocalClients;
import no.lytt.socket.SocketEndpoints;
import no.lytt.socket.SocketServices;
import no.lytt.socket.StatusWatcher;
import no.lytt.stats.Stats;
import no.lytt.store.Store;
import no.lytt.store.StoreUnavailableException;
import no.lytt.supervision.ServiceOverview;
import no.lytt.store.memory.MemoryStore;
import no.lytt.store.redis.RedisClients;
import no.lytt.store.redis.RedisConnector;
import no.lytt.store.redis.RedisStore;
import no.lytt.store.redis.RedisSweeper;
import no.lytt.stats.Counter;
import no.lytt.wrapup.VisitorAnswers;
import no.lytt.wrapup.WrapUps;
import no.lytt.transfer.TransferService;
import java.util.stream.Stream;

/**
 * The composition root: builds every object once, with {@code new}, from the validated
 * configuration, and deploys one HTTP verticle per event loop. Nothing else creates services.
 */
public final class Lytt {
  private static final Logger LOG = System.getLogger("lytt");
  private final Vertx vertx;
  private final LyttConfig config;
  private final Clock clock;
  private final String demoPassword;
  private final String adminPassword;
  private Passwords passwords;
  /** A node that stops beating for this long is gone: its counsellors drop off duty. */
  private static final Duration NODE_TTL = Duration.ofSeconds(5);
  /** How often a node looks for what a crashed node left behind. */
  private static final Duration SWEEP_PERIOD = Duration.ofSeconds(2);
  /** An offer unanswered this long was lost on the way: the visitor gets their place back. */
  private static final Duration OFFER_TIMEOUT = Duration.ofSeconds(30);
  /** Visitors' positions are announced at most this often; consoles see every change at once. */
  private static final Duration POSITIONS_SPACING = Duration.ofSeconds(1);
  private static final Duration QUEUE_REFRESH = Duration.ofSeconds(15);
  /** How often the gauges that live in the store are read. */
  private static final Duration SAMPLE_PERIOD = Duration.ofSeconds(5);
  /** How long a stop waits for its sockets to finish closing before it lets go of the store. */
  private static final Duration SOCKET_CLOSE_WAIT = Duration.ofSeconds(2);
  /**
   * How long start-up waits for a store that does not answer yet (Redis loading its data, busy, or
   * slow to this node while it is cold) before giving up. Connecting is not covered: a Redis that
   * cannot be connected to stops start-up at once.
   */
  private static final Duration STARTUP_PATIENCE = Duration.ofSeconds(30);
  private final LyttMetrics metrics = new LyttMetrics();
  private final DrainState drainState = new DrainState();
  private NodeDrain drain;
  private StartupPatience patience;
  private ManagementServer management;
  private long sampleTimer = -1;
  private long itemTimer = -1;
  private Store store;
  private Clients clients;
  private StatusWatcher watcher;
  private long syncTimer = -1;
  private long refreshTimer = -1;
  private long sessionTimer = -1;
  private long pingTimer = -1;
  private RelayService relay;
  private RedisSweeper sweeper;
  private long sweepTimer = -1;
  private AccountService accounts;
  private WorkerExecutor hashing;
  private String organisationPublicKey;

  public Lytt(Vertx vertx, LyttConfig config, Clock clock, String demoPassword) {
    this(vertx, config, clock, demoPassword, null);
  }

  /**
   * @param demoPassword  development mode: the demo counsellor's password, or null for a random one
   * @param adminPassword development mode: the development administrator's, or null for a random one
   */
  public Lytt(Vertx vertx, LyttConfig config, Clock clock, String demoPassword, String adminPassword) {
    this.adminPassword = adminPassword;
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    this.demoPassword = demoPassword;
  }

  /**
   * As many event loops as HTTP server instances: the node's work never blocks a loop, and its
   * Redis connections run on these loops too, so loops beyond the cores would only be threads
   * taking turns on them and waking each other.
   */
  public static VertxOptions vertxOptions(LyttConfig config) {
    return new VertxOptions().setEventLoopPoolSize(config.http().eventLoops());
  }

  public Future<Void> start() {
    SecureRandom random = new SecureRandom();
    Ids ids = new Ids(random);
    boolean development = config.mode() == LyttConfig.Mode.DEVELOPMENT;
    String nodeId = RedisClients.newNodeId(ids);
    LocalClients local = new LocalClients();
    patience = new StartupPatience(vertx, STARTUP_PATIENCE);
    return orgKey(development, random).compose(orgKey -> connectStore(nodeId, local)
        .compose(v -> checkDurability(development)).map(orgKey)).compose(orgKey -> {
      String orgPublic = orgKey != null ? orgKey.publicKeyB64u() : config.org().publicKey().orElse("");
      organisationPublicKey = orgPublic;
      Hours hours = new Hours(config.hours().settings(), config.hours().zone());
      HoursEditor hoursEditor = new HoursEditor(store, hours, ids);
      Stats stats = new Stats(store, clock, hours.zone());
      WaitEstimator estimator = new WaitEstimator(Duration.ofMinutes(config.chat().defaultDurationMinutes()));
      // Positions and the queue view go to this node's own clients; every node announces its own.
      QueueService queue = new QueueService(store, hours, estimator, local, stats, clock, ids,
          config.limits().queueLength(), local::visitorIds);
      Coalescer consoles = new Coalescer(queue::announceToConsoles);
      Paced positions = new Paced(vertx, POSITIONS_SPACING, new Coalescer(queue::announcePositions)::request);
      local.onQueueChanged(() -> {
        consoles.request();
        positions.request();
      });
      // Positions and estimates are also refreshed now and then: estimates move with time, and a
      // change signal lost between nodes (Redis away for a moment) heals by itself.
      refreshTimer = vertx.setPeriodic(QUEUE_REFRESH.toMillis(), t -> local.queueChanged());
      relay = new RelayService(store, clients, stats, clock, config.limits().unackedEnvelopes(),
          (side, who) -> side == Side.VISITOR ? local.hasVisitor(who) : local.hasCounsellor(who));
      syncTimer = vertx.setPeriodic(1_000, t -> relay.syncAll());
      if (sweeper != null) {
        Duration grace = Duration.ofSeconds(config.chat().graceSeconds());
        sweepTimer = vertx.setPeriodic(SWEEP_PERIOD.toMillis(), t -> sweeper.sweep(grace, OFFER_TIMEOUT, SWEEP_PERIOD)
            .compose(left -> Future.join(Stream.of(
                    left.queueEntries().stream().map(queue::leave),
                    left.chats().stream().map(id -> relay.end(id, "timeout", Counter.CHATS_TIMED_OUT)),
                    left.unanswered().stream().map(relay::takeBack))
                .flatMap(s -> s).toList())
                .onComplete(done -> {
                  if (!left.isEmpty()) {
                    LOG.log(Level.DEBUG, () -> "Sweep released " + left.queueEntries().size() + " queue places, ended "
                        + left.chats().size() + " chats and took back " + left.unanswered().size() + " offers");
                    clients.queueChanged();
                  }
                }))
            // Redis away is everyday and the next turn tries again; anything else (a command the
            // ACL refuses, a script error) would stop every sweep unseen.
            .onFailure(e -> LOG.log(e instanceof StoreUnavailableException ? Level.DEBUG : Level.WARNING,
                "The sweep for what crashed nodes left behind failed: " + e.getMessage())));
      }
      CallbacksConfig cc = config.callbacks();
      TicketService tickets = new TicketService(store, hours, stats, clock, cc);
      CallbackService callbacks = new CallbackService(store, hours, stats, clock, cc);
      ItemSweeper items = new ItemSweeper(store, tickets, stats, clock);
      // Tickets are released by the clock of the opening hours, so they are swept as often as those are checked.
      itemTimer = vertx.setPeriodic(config.hours().checkMillis(), t -> items.sweep()
          .onSuccess(changed -> {
            if (changed) {
              clients.itemsChanged();
            }
          }));
      Dispatcher dispatcher = new Dispatcher(store, clients, stats, clock);
      Lists lists = new Lists(store, clock);
      DutyService duty = new DutyService(store, config.limits().maxCapacity());
      accounts = accounts(random);
      DeviceCertifier certifier = orgKey != null ? new DevelopmentCertifier(orgKey) : DeviceCertifier.none();
      DeviceService devices = new DeviceService(store, certifier, clock);
      ServiceStatus status = new ServiceStatus(hours, queue, clock, cc.expiryDays(), cc.ticketClaimMinutes());
      Origins origins = new Origins(allowedOrigins());
      SocketServices services = new SocketServices(clock, store, queue, estimator, relay, dispatcher, duty,
          clients, new GraceTimers(vertx, config.chat().graceSeconds() * 1000L),
          orgPublic.isEmpty() ? new byte[0] : B64u.decode(orgPublic), metrics, tickets,
          config.queue().reminder(), new VisitorAnswers(lists, stats),
          new TransferService(store, relay, clients, stats, clock, d -> vertx.timer(d.toMillis()).mapEmpty()),
          new OfferTimeouts(vertx, OFFER_TIMEOUT, relay::takeBack, clients::queueChanged));
      LimitsConfig lc = config.limits();
      // Pinged at half the idle timeout, a socket is never idle however quiet its chat.
      Limits limits = new Limits(lc.frameBytes(), lc.messagesPerSecond(), lc.burst(),
          Duration.ofSeconds(lc.silentSocketSeconds()), Duration.ofMillis(lc.httpIdleSeconds() * 500L));
      boolean tls = config.http().behindTls();
      if (tls && config.http().trustedProxies().isEmpty()) {
        LOG.log(Level.WARNING, "http.behind-tls is true but http.trusted-proxies is empty: every connection "
            + "then comes from the proxy's address, and limits.connections-per-source counts all visitors as "
            + "one source. List the proxy in http.trusted-proxies and have it set X-Forwarded-For.");
      }
      ClientAddresses addresses = new ClientAddresses(config.http().trustedProxies());
      SocketEndpoints sockets = new SocketEndpoints(origins, limits, services, status, accounts,
          AuthApi.cookieName(tls), addresses,
          new ConnectionsPerSource(lc.connectionsPerSource(), clock, random), new Arrivals(lc.welcomesInFlight()),
          drainState, metrics);
      pingTimer = vertx.setPeriodic(Math.max(1, limits.pingInterval().toMillis() / SocketEndpoints.PING_ROUNDS),
          t -> sockets.pingRound());
      metrics.connections.from("visitor", sockets::visitorSockets).from("console", sockets::consoleSockets);
      metrics.draining.from(() -> drainState.draining() ? 1 : 0);
      ServiceSampler sampler = new ServiceSampler(metrics, queue, relay, local::counsellorNames);
      sampleTimer = vertx.setPeriodic(SAMPLE_PERIOD.toMillis(), t -> sampler.sample());
      drain = new NodeDrain(vertx, drainState, local, sockets, clients, sweeper != null);
      AuthApi auth = new AuthApi(accounts, devices, tls, sockets::closeConsole, metrics.logins);
      CallbackApi callbackApi = new CallbackApi(callbacks, tickets,
          new CodeLookups(store, new HourlyAllowance(cc.codeFailuresPerHour(), clock, random), stats),
          new HourlyAllowance(cc.requestsPerHour(), clock, random), store, auth,
          addresses, new CallbackSchedule(hours.zone()), clock, cc.maxAttempts(), clients::itemsChanged);
      sessionTimer = vertx.setPeriodic(config.session().checkSeconds() * 1000L, t -> sockets.closeEndedSessions());
      Invitations invitations = new Invitations(store, passwords, ids, random, clock);
      AdminApi adminApi = new AdminApi(auth, new AccountAdmin(store, invitations),
          new DeviceAdmin(store, orgPublic.isEmpty() ? new byte[32] : B64u.decode(orgPublic), clock),
          sockets::closeConsole, publicOrigin());
      InvitationApi invitationApi = new InvitationApi(invitations);
      SupervisionApi supervision = new SupervisionApi(stats, new ServiceOverview(store, tickets, callbacks, clock));
      ListsApi listsApi = new ListsApi(auth, lists, new WrapUps(store, lists, stats));
      Pages pages = new Pages(orgPublic, config.http().quickExitUrl());
      SecurityHeaders headers = new SecurityHeaders(tls, config.http().frameAncestors());
      HttpServerOptions options = HttpServerVerticle.options(config.http().host(), config.http().port(),
          lc.frameBytes(), lc.httpIdleSeconds(), lc.headerBytes());
      watcher = new StatusWatcher(vertx, status, hoursEditor, local, config.hours().checkMillis());
      HoursApi hoursApi = new HoursApi(hoursEditor, clock);
      Future<?> demo = development
          ? patience.run("adding the demo accounts",
              () -> DevelopmentSetup.demoAccount(vertx, accounts, demoPassword, random))
              .compose(v -> patience.run("adding the demo accounts",
                  () -> DevelopmentSetup.secondDemoAccount(accounts, demoPassword, random)))
              .compose(v -> patience.run("adding the demo accounts",
                  () -> DevelopmentSetup.adminAccount(accounts, adminPassword, random)))
          : Future.succeededFuture();
      management = new ManagementServer(vertx, config.ops(), metrics);
      LyttMetrics publicMetrics = config.ops().metricsOnMainPort() ? metrics : null;
      // A store that cannot be written just now leaves the lists unseeded until the next start; it does not stop this one.
      Future<Void> seeded = demo.compose(v -> lists.seedDefaults().recover(e -> {
        LOG.log(Level.WARNING, "The default wrap-up categories and sources could not be added: " + e.getMessage());
        return Future.succeededFuture();
      }));
      // Saved hours apply from the first request, not only from the first check; a store that
      // cannot be read yet leaves the configured hours until a check can.
      return seeded.compose(v -> hoursEditor.follow().otherwiseEmpty()).compose(v -> vertx.deployVerticle(
          () -> new HttpServerVerticle(options, headers, pages, status, store, auth, origins, sockets, drainState,
              publicMetrics, callbackApi, adminApi, invitationApi, supervision, listsApi, hoursApi),
          new DeploymentOptions().setInstances(config.http().eventLoops())))
          .compose(id -> management.start().map(id))
          .onSuccess(id -> {
            watcher.start();
            LOG.log(Level.INFO, "Lytt listening on " + publicOrigin() + " (" + config.mode().name().toLowerCase()
                + " mode, " + config.store().kind().name().toLowerCase() + " store)");
          })
          .mapEmpty();
    });
  }

  /** Accounts with their hashing pool, log-in throttle and sessions, from argon2.*, login.* and session.*. */
  private AccountService accounts(SecureRandom random) {
    hashing = vertx.createSharedWorkerExecutor("lytt-password-hashing", config.argon2().workers());
    AccountsWiring wiring = AccountsWiring.of(vertx, config, store, clock, random, hashing);
    passwords = wiring.passwords();
    return wiring.accounts();
  }

  /**
   * The embedded store, or Redis with its cross-node client directory. Fails start-up with a
   * message naming the key to fix when Redis cannot be reached.
   */
  private Future<Void> connectStore(String nodeId, LocalClients local) {
    if (config.store().kind() == StoreConfig.Kind.EMBEDDED) {
      store = new MemoryStore(clock);
      clients = local;
      return Future.succeededFuture();
    }
    Duration grace = Duration.ofSeconds(config.chat().graceSeconds());
    StoreConfig sc = config.store();
    return connect(sc.ephemeral(), true, "redis.uri, LYTT_REDIS_URI")
        .compose(redis -> (sc.separateDurable()
            ? connect(sc.durable(), false, "redis.durable-uri, LYTT_REDIS_DURABLE_URI")
                .onFailure(e -> vertx.executeBlocking(() -> {
                  redis.close();
                  return null;
                }, false))
            : Future.succeededFuture(redis))
            .compose(durable -> {
              store = new RedisStore(vertx, redis, durable, clock, nodeId, grace.multipliedBy(2).plusMinutes(1), NODE_TTL);
              sweeper = new RedisSweeper(vertx, redis, clock);
              RedisClients cluster = new RedisClients(local, redis, nodeId, vertx.getOrCreateContext(), clock);
              clients = cluster;
              cluster.listen();
              return patience.run("subscribing to this node's channels", cluster::subscribe);
            }));
  }

  private Future<RedisConnector> connect(StoreConfig.RedisTarget target, boolean subscribes, String keys) {
    return vertx.executeBlocking(() -> RedisConnector.connect(target, config.store().timeoutMillis(), subscribes,
        new RedisCommandMetrics(metrics), ((VertxInternal) vertx).nettyEventLoopGroup()), false)
        .recover(e -> Future.failedFuture(new IllegalStateException("Redis (" + keys + ") cannot be "
            + "reached or the URI is not valid: " + withoutUri(e.getMessage()))));
  }

  /**
   * A callback's code is shown only once its request is on disk; a store that cannot promise that
   * stops a production node with what to fix, and makes a development node say so.
   */
  private Future<Void> checkDurability(boolean development) {
    return patience.run("checking that the store keeps callbacks", store::durabilityProblem).compose(problem -> {
      if (problem.isEmpty()) {
        return Future.succeededFuture();
      }
      String message = "The durable Redis (redis.durable-uri, or redis.uri when that is empty) cannot keep "
          + "callbacks and tickets through a crash: " + problem.get() + ". Run it with appendonly yes and "
          + "appendfsync always, as ops/redis/durable.conf does.";
      if (development) {
        LOG.log(Level.WARNING, message);
        return Future.succeededFuture();
      }
      return Future.failedFuture(new IllegalStateException(message));
    });
  }

  /** Lettuce quotes the URI in some messages, and it may hold a password: never pass it on. */
  private String withoutUri(String message) {
    String text = String.valueOf(message);
    for (String uri : (config.store().redisUri() + "," + config.store().durableUri()).split(",")) {
      if (!uri.isBlank()) {
        text = text.replace(uri.trim(), "<redis.uri>");
      }
    }
    return text.replaceAll("rediss?[+-]?[a-z]*://\\S+", "<redis.uri>");
  }

  private Future<OrgKey> orgKey(boolean development, SecureRandom random) {
    if (!development) {
      return Future.succeededFuture(null);
    }
    DevelopmentSetup.warn();
    if (!config.org().publicKey().orElse("").isEmpty()) {
      // A configured organisation key wins: development then certifies nothing automatically.
      return Future.succeededFuture(null);
    }
    Path file = config.org().devKeyFile();
    return vertx.executeBlocking(() -> DevelopmentSetup.orgKey(file, random), false);
  }

  private String publicOrigin() {
    String configured = config.http().publicOrigin();
    return configured.isEmpty() ? "http://localhost:" + config.http().port() : configured;
  }

  private Set<String> allowedOrigins() {
    Set<String> origins = new LinkedHashSet<>(config.http().allowedOrigins());
    if (origins.isEmpty()) {
      origins.add(publicOrigin());
      if (config.http().publicOrigin().isEmpty()) {
        origins.add("http://127.0.0.1:" + config.http().port());
      }
    }
    return origins;
  }

  /** The accounts of this node; for administration tools and tests, valid after {@link #start()}. */
  public AccountService accounts() {
    return accounts;
  }

  /** The store of this node; for administration tools and tests, valid after {@link #start()}. */
  public Store store() {
    return store;
  }

  /** The organisation public key the pages pin (base64url), valid after {@link #start()}. */
  public String organisationPublicKey() {
    return organisationPublicKey;
  }

  /** This node's metrics; for tests, valid from construction. */
  public LyttMetrics metrics() {
    return metrics;
  }

  /**
   * Stops taking new clients and moves the connected ones to other nodes (docs/operations.md,
   * "Upgrade"); completes when they have moved or after {@code drain.deadline-seconds}. Call
   * {@link #stop()} afterwards.
   */
  public Future<Void> drain() {
    return drain == null ? Future.succeededFuture() : drain.drain(config.ops().drainDeadline());
  }

  public Future<Void> stop() {
    if (sampleTimer >= 0) {
      vertx.cancelTimer(sampleTimer);
    }
    if (syncTimer >= 0) {
      vertx.cancelTimer(syncTimer);
    }
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
    if (itemTimer >= 0) {
      vertx.cancelTimer(itemTimer);
    }
    if (refreshTimer >= 0) {
      vertx.cancelTimer(refreshTimer);
    }
    if (sessionTimer >= 0) {
      vertx.cancelTimer(sessionTimer);
    }
    if (pingTimer >= 0) {
      vertx.cancelTimer(pingTimer);
    }
    if (watcher != null) {
      watcher.stop();
    }
    // Sockets close while the store is still there, so their departures are recorded; then what
    // was relayed during a store outage is written back before the store is let go.
    Future<Void> quiet = drain == null ? Future.succeededFuture() : drain.closeRemaining(SOCKET_CLOSE_WAIT);
    Future<Void> managed = quiet.compose(v -> management == null ? Future.succeededFuture()
        : management.close().otherwiseEmpty());
    Future<Void> flushed = managed.compose(v -> relay == null ? Future.succeededFuture()
        : relay.syncAll().otherwiseEmpty());
    Future<Void> closed = store == null ? flushed : flushed.compose(v -> store.close());
    return hashing == null ? closed : closed.compose(v -> hashing.close());
  }
}
