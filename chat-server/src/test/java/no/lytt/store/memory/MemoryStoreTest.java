package no.lytt.store.memory;

import java.time.Clock;
import no.lytt.store.Store;
import no.lytt.store.StoreContractTest;

class MemoryStoreTest extends StoreContractTest {
  @Override
  protected Store createStore(Clock clock) {
    return new MemoryStore(clock);
  }
}
