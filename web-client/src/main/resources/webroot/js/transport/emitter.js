// A minimal event emitter: the transport reports, the UI listens. Listener errors are isolated so a
// rendering bug can never break delivery state.
export class Emitter {
  constructor() {
    this.listeners = new Map();
  }

  on(type, fn) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(fn);
    return () => this.listeners.get(type).delete(fn);
  }

  emit(type, detail) {
    for (const fn of this.listeners.get(type) ?? []) {
      try {
        fn(detail);
      } catch (err) {
        console.error(err); // eslint-disable-line no-console
      }
    }
  }
}
