// Wall-clock times of the service's zone as instants, without a time-zone library: the offset is
// read back from Intl for a first guess and corrected once (enough across a DST change, since
// opening hours never sit in the skipped or repeated hour).

function offsetAt(epochMs, zone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** "2026-11-24", "17:00" in `zone` → epoch ms. "24:00" is midnight at the end of the day. */
export function zonedEpoch(date, time, zone) {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const first = wall - offsetAt(wall, zone);
  return wall - offsetAt(first, zone);
}
