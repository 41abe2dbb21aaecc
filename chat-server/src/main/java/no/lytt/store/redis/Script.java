package no.lytt.store.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One Lua script from {@code /redis/NAME.lua}, run by digest: {@code EVALSHA}, and {@code EVAL}
 * once on the node that did not have it yet (a fresh, restarted or failed-over server).
 */
final class Script {
  private final String name;
  private final String source;
  private final String sha;
  private final ScriptOutputType output;

  private Script(String name, String source, ScriptOutputType output) {
    this.name = name;
    this.source = source;
    this.sha = sha1(source);
    this.output = output;
  }

  /**
   * @param libraries scripts of shared functions placed before this one: Redis runs one source
   *                  per call, with no way to import
   */
  static Script load(String name, ScriptOutputType output, String... libraries) {
    StringBuilder source = new StringBuilder();
    for (String library : libraries) {
      source.append(read(library)).append('\n');
    }
    return new Script(name, source.append(read(name)).toString(), output);
  }

  private static String read(String name) {
    try (InputStream in = Script.class.getResourceAsStream("/redis/" + name + ".lua")) {
      if (in == null) {
        throw new IllegalStateException("missing script /redis/" + name + ".lua");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  <T> CompletionStage<T> run(RedisClusterAsyncCommands<String, String> redis, String[] keys, String... args) {
    CompletionStage<T> first;
    try {
      first = redis.evalsha(sha, output, keys, args);
    } catch (RuntimeException e) {
      // A command issued after the connection closed (a retry timer firing while the node stops)
      // is refused by the closed event loop itself, by throwing: for the caller Redis is away.
      return java.util.concurrent.CompletableFuture.failedStage(new io.lettuce.core.RedisException("closed", e));
    }
    return first.handle((value, error) -> {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      if (cause instanceof RedisNoScriptException) {
        return redis.<T>eval(source, output, keys, args);
      }
      return error == null ? java.util.concurrent.CompletableFuture.completedStage(value)
          : java.util.concurrent.CompletableFuture.<T>failedStage(cause);
    }).thenCompose(s -> s);
  }

  @Override
  public String toString() {
    return name;
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
