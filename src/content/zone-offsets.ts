// A site's time zone with its offsets worked out once per year. Luxon asks Intl for a zone's offset
// every time it makes a date in it (5–8 µs each); loading 10,000 kept records made 20,000 dates.
// This is luxon's own IANA zone, so dates format and compare as before; only `offset` is remembered:
// each year's changes are found a day apart, then to the millisecond, and a date looks its up.
// `zonedDate` makes the kept records' dates in it, all sharing one locale object.
import { DateTime, IANAZone } from "luxon";

const DAY = 86_400_000;
/** Spans of 366 days from 1970 (not calendar years): each holds its own list of offset changes. */
const SPAN = 366 * DAY;

/** From each `starts[i]` (epoch ms) on, the offset is `offsets[i]` (minutes), to the next start. */
interface Changes {
  starts: number[];
  offsets: number[];
}

export class RememberedZone extends IANAZone {
  #spans = new Map<number, Changes>();

  override offset(ts: number): number {
    // an invalid zone or date: luxon's answer (NaN) as it is
    if (!this.isValid || !Number.isFinite(ts)) return super.offset(ts);
    const index = Math.floor(ts / SPAN);
    let span = this.#spans.get(index);
    if (!span) this.#spans.set(index, (span = this.#changesIn(index * SPAN, (index + 1) * SPAN)));
    const { starts, offsets } = span;
    let i = starts.length - 1;
    while (starts[i]! > ts) i--;
    return offsets[i]!;
  }

  /** The offset at `start` and every change before `end`. No zone changes its offset twice within a day. */
  #changesIn(start: number, end: number): Changes {
    const changes: Changes = { starts: [start], offsets: [super.offset(start)] };
    let before = changes.offsets[0]!;
    for (let day = start; day < end; day += DAY) {
      const next = Math.min(day + DAY, end);
      const after = super.offset(next);
      if (after === before) continue;
      // the first millisecond of the new offset
      let [low, high] = [day, next];
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (super.offset(middle) === before) low = middle;
        else high = middle;
      }
      if (high < end) {
        changes.starts.push(high);
        changes.offsets.push(super.offset(high));
      }
      before = after;
    }
    return changes;
  }
}

const zones = new Map<string, RememberedZone>();

/** The zone named `name` (an IANA name such as "America/New_York"), one object per name. */
export function rememberedZone(name: string): RememberedZone {
  let zone = zones.get(name);
  if (!zone) zones.set(name, (zone = new RememberedZone(name)));
  return zone;
}

type Make = (ms: number) => DateTime;
const makers = new WeakMap<RememberedZone, Make>();

/**
 * The date at `ms` (epoch milliseconds) in `zone`. Luxon gives each date it makes a locale object of
 * its own: 20,000 dates from 10,000 kept records took 116–140 ms that way and 23–30 ms sharing one
 * (a standalone script, 3 runs each), as Luxon's own `plus` and `setZone` share theirs. That takes
 * its constructor, which its types call private: checked once against `fromMillis`, and a Luxon that
 * makes a different date gets `fromMillis` instead.
 */
export function zonedDate(ms: number, zone: RememberedZone): DateTime {
  let make = makers.get(zone);
  if (!make) makers.set(zone, (make = maker(zone)));
  // not a date (a damaged record): what fromMillis makes of it, or its error
  return Number.isFinite(ms) ? make(ms) : DateTime.fromMillis(ms, { zone });
}

function maker(zone: RememberedZone): Make {
  const made = (ms: number) => DateTime.fromMillis(ms, { zone });
  const Luxon = DateTime as unknown as new (config: { ts: number; zone: RememberedZone; loc: unknown }) => DateTime;
  const loc = (made(0) as unknown as { loc: unknown }).loc;
  const shared = (ms: number) => new Luxon({ ts: ms, zone, loc });
  try {
    const probe = Date.UTC(2021, 2, 14, 7, 30, 15, 123);
    const [a, b] = [shared(probe), made(probe)];
    const same = a.isValid && a.toMillis() === b.toMillis() && a.toISO() === b.toISO() && a.zone === b.zone && a.locale === b.locale && a.offset === b.offset;
    return same ? shared : made;
  } catch {
    return made;
  }
}
