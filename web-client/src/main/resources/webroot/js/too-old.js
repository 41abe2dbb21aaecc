// Loaded only by browsers without ES module support (<script nomodule>): they cannot run the
// encrypted chat, and there is no plaintext fallback. replace(): no history entry is left.
location.replace('/too-old.html');
