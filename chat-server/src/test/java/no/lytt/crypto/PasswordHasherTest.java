package no.lytt.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import no.lytt.accounts.PasswordHasher;
import org.junit.jupiter.api.Test;

/**
 * {@link PasswordHasher} with small parameters. (Kept beside the Argon2id code it relies on; it
 * tests {@code no.lytt.accounts} through its public API only.)
 */
class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher(64, 1, 1);

  @Test
  void hashesAsPhcStringsAndVerifies() {
    String hash = hasher.hash("hemmelig".toCharArray());
    assertTrue(hash.matches("\\$argon2id\\$v=19\\$m=64,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"),
        hash);
    assertTrue(hasher.verify("hemmelig".toCharArray(), hash));
    assertFalse(hasher.verify("Hemmelig".toCharArray(), hash));
    assertFalse(hasher.verify("".toCharArray(), hash));
    assertNotEquals(hash, hasher.hash("hemmelig".toCharArray()), "fresh salt each time");
  }

  @Test
  void verifiesReferenceArgon2idHash() {
    // Made by the reference C implementation (libargon2 20171227, argon2id_hash_encoded with
    // t=2, m=64, p=1, password "password", salt "somesalt", 32 bytes), not by Bouncy Castle.
    String reference =
        "$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHQ$FqGkmHNGCd0BRW2kBt6fPZ2pPmyGwwChL8FGUhTOSSI";
    assertTrue(new PasswordHasher(64, 2, 1).verify("password".toCharArray(), reference));
  }

  @Test
  void malformedOrAbsurdStoredHashesAreFalseNotExceptions() {
    for (String bad : new String[] {null, "", "plain", "$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
        "$argon2id$v=16$m=64,t=1,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
        "$argon2id$v=19$m=99999999,t=1,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
        "$argon2id$v=19$m=64,t=0,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
        "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA=="}) {
      assertFalse(hasher.verify("x".toCharArray(), bad), String.valueOf(bad));
      assertTrue(hasher.needsRehash(bad), String.valueOf(bad));
    }
  }

  @Test
  void needsRehashWhenParametersChange() {
    String hash = hasher.hash("pw".toCharArray());
    assertFalse(hasher.needsRehash(hash));
    assertTrue(new PasswordHasher(128, 1, 1).needsRehash(hash));
    assertTrue(new PasswordHasher(64, 2, 1).needsRehash(hash));
    assertTrue(new PasswordHasher(64, 1, 2).needsRehash(hash));
  }

  @Test
  void composedAndDecomposedAccentsAreTheSamePassword() {
    String hash = hasher.hash("bl\u00e5".toCharArray());
    assertTrue(hasher.verify("bla\u030a".toCharArray(), hash));
  }
}
