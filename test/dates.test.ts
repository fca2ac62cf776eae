import { describe, expect, it } from "vitest";
import { DateTime, IANAZone } from "luxon";
import { isoInstant, isoText, machineDate, parseArticleDate, readableDate, type ArticleDate } from "../src/content/dates.ts";
import { RememberedZone, rememberedZone, zonedDate } from "../src/content/zone-offsets.ts";

const NY = "America/New_York";
const parse = (raw: string, zone = NY) => {
  const result = parseArticleDate(raw, zone);
  if (typeof result === "string") throw new Error(result);
  return result;
};
const show = (date: ArticleDate) => [readableDate(date, NY), machineDate(date, NY)];

describe("article dates", () => {
  it("keeps the instant of a date-time with an offset and shows it in the site's zone", () => {
    expect(show(parse("2020-09-20T14:30:00-04:00"))).toEqual(["Sept. 20, 2020, 2:30 p.m. EDT", "2020-09-20T14:30:00-04:00"]);
    expect(show(parse("2020-09-20T03:00:00Z"))).toEqual(["Sept. 19, 2020, 11 p.m. EDT", "2020-09-19T23:00:00-04:00"]);
  });

  it("reads a date-time without offset as wall-clock time in the site's zone, in and out of DST", () => {
    expect(show(parse("2020-09-20T14:30:00"))).toEqual(["Sept. 20, 2020, 2:30 p.m. EDT", "2020-09-20T14:30:00-04:00"]);
    expect(show(parse("2020-12-20T09:05:00"))).toEqual(["Dec. 20, 2020, 9:05 a.m. EST", "2020-12-20T09:05:00-05:00"]);
  });

  it("keeps a bare date on its calendar day, shown without a time", () => {
    const date = parse("2020-09-20");
    expect(date.hasTime).toBe(false);
    expect(show(date)).toEqual(["Sept. 20, 2020", "2020-09-20"]);
    expect(isoInstant(date, NY)).toBe("2020-09-20T00:00:00-04:00");
  });

  it("shows midnight and noon as people write them", () => {
    expect(readableDate(parse("2020-09-20T00:00:00"), NY)).toBe("Sept. 20, 2020, 12 a.m. EDT");
    expect(readableDate(parse("2020-09-20T12:00:00"), NY)).toBe("Sept. 20, 2020, 12 p.m. EDT");
  });

  it("handles the hour that repeats when DST ends", () => {
    expect(machineDate(parse("2020-11-01T01:30:00-05:00"), NY)).toBe("2020-11-01T01:30:00-05:00");
    expect(machineDate(parse("2020-11-01T01:30:00-04:00"), NY)).toBe("2020-11-01T01:30:00-04:00");
  });

  it("rejects impossible dates that YAML would roll over", () => {
    expect(parseArticleDate("2020-02-30", NY)).toMatch(/not a real calendar date/);
    expect(parseArticleDate("2021-02-29T10:00:00Z", NY)).toMatch(/not a real calendar date/);
    expect(parseArticleDate("2020-02-29", NY)).toMatchObject({ hasTime: false });
  });

  it("does not depend on the build machine's TZ", () => {
    const underTz = (tz: string) => {
      const saved = process.env.TZ;
      process.env.TZ = tz; // Node re-reads TZ on assignment
      try {
        return ["2020-09-20", "2020-09-20T23:30:00", "2020-09-20T23:30:00-04:00"].map((raw) => show(parse(raw)));
      } finally {
        process.env.TZ = saved;
      }
    };
    expect(underTz("Asia/Shanghai")).toEqual(underTz("UTC"));
    expect(underTz("Asia/Shanghai")[1]).toEqual(["Sept. 20, 2020, 11:30 p.m. EDT", "2020-09-20T23:30:00-04:00"]);
  });
});

describe("the site zone's remembered offsets", () => {
  it("make the same dates from kept milliseconds as luxon's fromMillis, shown the same, in and out of DST", () => {
    for (const name of ["America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"]) {
      const zone = rememberedZone(name);
      for (let t = Date.UTC(2019, 0, 1, 0, 7); t < Date.UTC(2021, 0, 1); t += 86_400_000 * 3 + 3_600_000 * 5 + 61_001) {
        const [kept, luxon] = [zonedDate(t, zone), DateTime.fromMillis(t, { zone: IANAZone.create(name) })];
        expect([kept.toISO(), kept.offset, kept.zoneName, kept.toFormat("LLL d, yyyy h:mm a ZZZZ")]).toEqual([luxon.toISO(), luxon.offset, luxon.zoneName, luxon.toFormat("LLL d, yyyy h:mm a ZZZZ")]);
      }
    }
    // what a damaged record holds: not a date (the record is parsed again), as with fromMillis
    expect(zonedDate(Number.NaN, rememberedZone(NY)).isValid).toBe(false);
    expect(() => zonedDate("1600000000000" as unknown as number, rememberedZone(NY))).toThrow();
  });

  it("give luxon's own offset each day and on either side of every change, 1980 to 2040, in zones with odd changes", () => {
    for (const name of ["America/New_York", "Australia/Lord_Howe", "Pacific/Apia", "Africa/Casablanca"]) {
      const zone = new RememberedZone(name);
      const luxon = IANAZone.create(name);
      const checked: number[] = [];
      // every day, and each millisecond around every change luxon reports between two days
      const step = 86_400_000;
      let before = luxon.offset(Date.UTC(1980, 0, 1));
      for (let t = Date.UTC(1980, 0, 1); t < Date.UTC(2040, 0, 1); t += step) {
        checked.push(t);
        const after = luxon.offset(t + step);
        if (after !== before) {
          let [low, high] = [t, t + step];
          while (high - low > 1) {
            const middle = Math.floor((low + high) / 2);
            if (luxon.offset(middle) === before) low = middle;
            else high = middle;
          }
          checked.push(low - 1, low, high, high + 1);
        }
        before = after;
      }
      const differ = checked.filter((t) => zone.offset(t) !== luxon.offset(t));
      expect(differ.map((t) => `${name} ${new Date(t).toISOString()}`)).toEqual([]);
    }
  });

  it("leave the dates an article shows as they were", () => {
    for (const raw of ["2021-03-14T01:59:59", "2021-03-14T03:00:00", "2021-11-07T01:30:00-04:00", "2021-11-07T01:30:00-05:00", "1999-12-31"]) {
      const remembered = parse(raw);
      const plain = (raw.length > 19 ? DateTime.fromISO(raw, { setZone: true }) : DateTime.fromISO(raw, { zone: NY })).setZone(NY);
      expect(remembered.instant.toISO()).toBe(plain.toISO());
      expect(remembered.instant.toFormat("ZZZZ")).toBe(plain.toFormat("ZZZZ"));
    }
  });
});

describe("machine dates written from a date's own fields", () => {
  it("are Luxon's ISO text to the character, in zones a quarter or half hour off, in UTC, with and without milliseconds", () => {
    const zones = ["UTC", "America/New_York", "America/St_Johns", "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Chatham", "Europe/London", "Africa/Casablanca"];
    const differ: string[] = [];
    // a fixed walk through 1900–2100: odd minutes and seconds, some milliseconds, some whole days
    for (let i = 0, t = Date.UTC(1900, 0, 1, 0, 0, 0); t < Date.UTC(2100, 0, 1); i++, t += 86_400_000 * 17 + 3_661_007 * (i % 7)) {
      for (const zone of zones) {
        const date = DateTime.fromMillis(i % 3 ? t - (t % 1000) : t, { zone });
        for (const withTime of [true, false]) {
          const luxon = withTime ? date.toISO({ suppressMilliseconds: true }) : date.toISODate();
          if (isoText(date, withTime) !== luxon) differ.push(`${zone} ${t} ${withTime}: ${isoText(date, withTime)} against ${luxon}`);
        }
      }
    }
    expect(differ).toEqual([]);
    // Luxon's own way past year 9999
    expect(isoText(DateTime.fromISO("+012021-05-06T10:00:00Z", { zone: "UTC" }), true)).toBe("+012021-05-06T10:00:00Z");
  });
});
