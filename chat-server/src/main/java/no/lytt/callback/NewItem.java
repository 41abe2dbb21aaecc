package no.lytt.callback;

import java.util.Map;
import java.util.regex.Pattern;
import no.lytt.protocol.ErrorCode;
import no.lytt.protocol.LyttException;

/**
 * What a visitor's page sends for a new callback or ticket, checked for form before anything is
 * stored: the item id and the lookup value the page made, and the contents it sealed to each device.
 * The server cannot check the ciphertext itself; it bounds its size and shape.
 *
 * @param id     22 base64url characters (16 random bytes), made by the page because it is sealed into
 *               the ciphertext's {@code info} and {@code aad}
 * @param lookup 43 base64url characters (32 bytes derived from the visitor's code); stored only hashed
 * @param sealed device id → its sealing; may be empty only for a ticket without a message
 */
public record NewItem(String id, String lookup, Map<String, Item.Sealed> sealed) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");
  private static final Pattern LOOKUP = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Pattern ENC = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Pattern CT = Pattern.compile("[A-Za-z0-9_-]{1,11000}");
  /** More devices than a team of this size will ever certify at once. */
  public static final int MAX_DEVICES = 64;

  public NewItem {
    sealed = Map.copyOf(sealed);
    if (id == null || !ID.matcher(id).matches()) {
      throw bad("Field 'id' must be 22 base64url characters.");
    }
    if (lookup == null || !LOOKUP.matcher(lookup).matches()) {
      throw bad("Field 'lookup' must be 43 base64url characters.");
    }
    if (sealed.size() > MAX_DEVICES) {
      throw bad("Sealed to too many devices.");
    }
    sealed.forEach((device, box) -> {
      if (!ID.matcher(device).matches() || !ENC.matcher(box.enc()).matches() || !CT.matcher(box.ct()).matches()) {
        throw bad("Field 'sealed' must map device ids to {enc, ct} in base64url.");
      }
    });
  }

  static LyttException bad(String message) {
    return new LyttException(ErrorCode.BAD_FRAME, message);
  }
}
