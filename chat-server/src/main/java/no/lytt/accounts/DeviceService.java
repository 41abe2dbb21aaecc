package no.lytt.accounts;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.Optional;
import no.lytt.crypto.B64u;
import no.lytt.crypto.DeviceId;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;
import no.lytt.store.Store;

/** Console devices: registering their public keys and handing out their certificates. */
public final class DeviceService {
  private final Store store;
  private final DeviceCertifier certifier;
  private final Clock clock;

  public DeviceService(Store store, DeviceCertifier certifier, Clock clock) {
    this.store = store;
    this.certifier = certifier;
    this.clock = clock;
  }

  /**
   * Registers a device's two public keys for an account. The id is computed here from the keys, so
   * a client cannot claim another device's id; re-registering the same keys is harmless.
   */
  public Future<Device> register(Account account, String idPub, String encPub) {
    byte[] id;
    byte[] enc;
    try {
      id = B64u.decode(idPub);
      enc = B64u.decode(encPub);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new LyttException(ErrorCode.BAD_FRAME, "Keys must be base64url."));
    }
    if (id.length != 32 || enc.length != 32) {
      return Future.failedFuture(new LyttException(ErrorCode.BAD_FRAME, "Keys must be 32 bytes each."));
    }
    String deviceId = DeviceId.of(id, enc);
    return store.device(deviceId).compose(existing -> {
      if (existing.isPresent()) {
        if (!existing.get().username().equals(account.username())) {
          throw new LyttException(ErrorCode.FORBIDDEN, "This device belongs to another account.");
        }
        return Future.succeededFuture(existing.get());
      }
      Device fresh = new Device(deviceId, account.username(), idPub, encPub, null, clock.instant());
      Device device = certifier.certify(fresh, account.displayName(), clock.instant())
          .map(fresh::withCertificate).orElse(fresh);
      return store.saveDevice(device).map(device);
    });
  }

  public Future<Optional<Device>> get(Account account, String deviceId) {
    return store.device(deviceId).map(d -> d.filter(x -> x.username().equals(account.username())));
  }

  public static String fingerprint(Device d) {
    return DeviceId.grouped(DeviceId.fingerprint(B64u.decode(d.idPub()), B64u.decode(d.encPub())));
  }
}
