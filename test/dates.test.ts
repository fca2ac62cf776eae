import { describe, expect, it } from "vitest";
import { isoInstant, machineDate, parseArticleDate, readableDate, type ArticleDate } from "../src/content/dates.ts";

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
