// Times of day as planners write them ("HH:MM" or "HH:MM:SS") and as the engine counts them
// (seconds since midnight). "24:00" is the end of the day; later times (e.g. "25:30") are
// accepted for services running past midnight.

const PATTERN = /^(\d{1,2}):([0-5]\d)(?::([0-5]\d))?$/;

/** Seconds since midnight for "HH:MM" / "HH:MM:SS", or undefined when malformed. */
export function parseTimeOfDay(text: string): number | undefined {
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
}

/** Seconds since midnight from a "HH:MM" string or a number of seconds; throws on bad input. */
export function toSeconds(t: string | number): number {
  if (typeof t === 'number') {
    if (!Number.isFinite(t)) throw new RangeError(`time ${t} is not a finite number of seconds`);
    return t;
  }
  const s = parseTimeOfDay(t);
  if (s === undefined) throw new RangeError(`time "${t}" is not of the form HH:MM or HH:MM:SS`);
  return s;
}

/** "HH:MM" (or "HH:MM:SS" when the seconds are not zero) for seconds since midnight. */
export function formatTimeOfDay(seconds: number): string {
  const s = Math.round(seconds);
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = s % 60;
  return ss === 0 ? `${hh}:${mm}` : `${hh}:${mm}:${String(ss).padStart(2, '0')}`;
}
