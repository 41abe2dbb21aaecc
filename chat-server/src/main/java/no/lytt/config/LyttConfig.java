package no.lytt.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The whole server configuration, validated at start-up so a bad value stops the process with the
 * key to fix rather than failing later at the first chat. Built by {@link ConfigLoader}; each area
 * record names its keys next to the code that reads them.
 *
 * @param mode {@code mode}: production tightens rules that development relaxes for zero setup
 * @param store {@code store}, {@code redis.uri}
 * @param http {@code http.*}
 * @param hours {@code hours.*}
 * @param org {@code org.*}
 * @param chat {@code chat.*}
 * @param limits {@code limits.*}
 * @param session {@code session.*}
 * @param argon2 {@code argon2.*}
 * @param login {@code login.*}
 * @param ops {@code management.*}, {@code metrics.*}, {@code log.*}, {@code drain.*}
 * @param callbacks {@code callbacks.*}, {@code tickets.*}, {@code limits.code-failures-per-hour}
 * @param queue {@code queue.*}
 */
public record LyttConfig(Mode mode, StoreConfig store, HttpConfig http, HoursConfig hours, OrgConfig org,
    ChatConfig chat, LimitsConfig limits, SessionConfig session, Argon2Config argon2, LoginConfig login,
    OpsConfig ops, CallbacksConfig callbacks, QueueConfig queue) {

  /** Development creates what is missing (an organisation key); production refuses to guess. */
  public enum Mode { DEVELOPMENT, PRODUCTION }

  static final ConfigKey MODE = ConfigKey.of("mode", "development",
      "development or production. Production refuses to start without org.public-key instead of creating "
          + "a development key.");

  /** Every key, in the order the example file lists them; the single list docs are generated from. */
  public static List<ConfigKey> keys() {
    return Stream.of(List.of(MODE), StoreConfig.KEYS, HttpConfig.KEYS, HoursConfig.KEYS, OrgConfig.KEYS,
        ChatConfig.KEYS, LimitsConfig.KEYS, SessionConfig.KEYS, Argon2Config.KEYS, LoginConfig.KEYS,
        OpsConfig.KEYS, CallbacksConfig.KEYS, QueueConfig.KEYS)
        .flatMap(List::stream).toList();
  }

  /** Loads with the file named by {@code LYTT_CONFIG}; see {@link ConfigLoader#fromEnvironment}. */
  public static LyttConfig fromEnvironment(Map<String, String> env) {
    return ConfigLoader.fromEnvironment(env);
  }

  /** All defaults: what a development start with no file and no environment gets. */
  public static LyttConfig defaults() {
    return ConfigLoader.load(Map.of(), Optional.empty());
  }

  public boolean isProduction() {
    return mode == Mode.PRODUCTION;
  }

  static LyttConfig read(Settings settings) {
    Mode mode = settings.choice(MODE, Mode.class);
    return new LyttConfig(mode, StoreConfig.read(settings), HttpConfig.read(settings), HoursConfig.read(settings),
        OrgConfig.read(settings, mode), ChatConfig.read(settings), LimitsConfig.read(settings),
        SessionConfig.read(settings), Argon2Config.read(settings, mode), LoginConfig.read(settings),
        OpsConfig.read(settings), CallbacksConfig.read(settings), QueueConfig.read(settings));
  }
}
