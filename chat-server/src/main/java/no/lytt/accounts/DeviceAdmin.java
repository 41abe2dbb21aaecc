package no.lytt.accounts;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import no.lytt.crypto.B64u;
import no.lytt.crypto.CryptoException;
import no.lytt.crypto.DeviceCertificate;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;
import no.lytt.store.Store;

/**
 * What an administrator does with console devices: list them, store a certificate made with the
 * offline organisation key in the administrator's browser, and revoke one.
 *
 * <p>The server holds no organisation private key, so it cannot certify; it checks what it is
 * given before storing it, so a mistake (the wrong key file, the wrong device, a stale display
 * name) is refused here instead of failing later in a visitor's page: the signature must verify
 * under the configured organisation key, the certificate must name this device and carry its very
 * keys, the owner's current display name, and be valid now.
 */
public final class DeviceAdmin {
  private final Store store;
  private final byte[] orgPublicKey;
  private final Clock clock;

  public DeviceAdmin(Store store, byte[] orgPublicKey, Clock clock) {
    this.store = store;
    this.orgPublicKey = orgPublicKey.clone();
    this.clock = clock;
  }

  /** Every registered device, newest first. */
  public Future<List<Device>> list() {
    return store.devices().map(all -> all.stream().sorted(Comparator.comparing(Device::registeredAt).reversed()).toList());
  }

  public Future<Device> certify(String deviceId, Map<String, Object> certificate) {
    return store.device(deviceId).compose(found -> {
      Device device = found.orElseThrow(() -> new LyttException(ErrorCode.NOT_FOUND, "No such device."));
      if (device.revoked()) {
        throw new LyttException(ErrorCode.WRONG_STATE,
            "A revoked device stays revoked; its console makes new keys to be certified anew.");
      }
      return store.account(device.username()).compose(owner -> {
        String name = owner.map(Account::displayName)
            .orElseThrow(() -> new LyttException(ErrorCode.NOT_FOUND, "The device's account is gone."));
        DeviceCertificate cert = checked(device, name, certificate);
        Device certified = device.withCertificate(cert.toJsonMap());
        return store.saveDevice(certified).map(certified);
      });
    });
  }

  /** Revoked: the certificate is gone from the store at once; the caller closes the owner's consoles. */
  public Future<Device> revoke(String deviceId) {
    return store.device(deviceId).compose(found -> {
      Device device = found.orElseThrow(() -> new LyttException(ErrorCode.NOT_FOUND, "No such device."));
      if (device.revoked()) {
        return Future.succeededFuture(device);
      }
      Device revoked = device.revokedAt(clock.instant());
      return store.saveDevice(revoked).map(revoked);
    });
  }

  private DeviceCertificate checked(Device device, String displayName, Map<String, Object> json) {
    DeviceCertificate cert;
    try {
      cert = DeviceCertificate.fromJsonMap(json);
    } catch (CryptoException | IllegalArgumentException | NullPointerException e) {
      throw bad("The certificate is malformed.");
    }
    if (!cert.deviceId().equals(device.deviceId()) || !Arrays.equals(cert.idPub(), B64u.decode(device.idPub()))
        || !Arrays.equals(cert.encPub(), B64u.decode(device.encPub()))) {
      throw bad("The certificate is for another device.");
    }
    if (!cert.displayName().equals(displayName)) {
      throw bad("The certificate must carry the owner's display name, " + displayName + ".");
    }
    DeviceCertificate.Status status = cert.verify(orgPublicKey, clock.instant().getEpochSecond());
    return switch (status) {
      case OK -> cert;
      case BAD_SIGNATURE, MALFORMED -> throw bad("The certificate is not signed by this service's organisation key.");
      case EXPIRED, NOT_YET_VALID -> throw bad("The certificate is not valid now.");
    };
  }

  private static LyttException bad(String message) {
    return new LyttException(ErrorCode.BAD_CERTIFICATE, message);
  }
}
