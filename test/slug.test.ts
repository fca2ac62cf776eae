import { describe, expect, it } from "vitest";
import { isSlug, slugify } from "../src/content/slug.ts";

describe("slugs", () => {
  it("folds accents and punctuation", () => {
    expect(slugify("Café in São Paulo: Prices Rise 5%")).toBe("cafe-in-sao-paulo-prices-rise-5");
    expect(slugify("TikTok’s deal, explained")).toBe("tiktoks-deal-explained");
  });

  it("keeps non-Latin scripts usable instead of dropping them", () => {
    expect(slugify("微信禁令被法官叫停")).toBe("微信禁令被法官叫停");
    expect(slugify("Новости Москвы")).toBe("новости-москвы");
    expect(slugify("서울 뉴스")).toBe("서울-뉴스");
  });

  it("caps the length of a 10,000-character title", () => {
    const slug = slugify("word ".repeat(2000));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith("-")).toBe(false);
    expect(Buffer.byteLength(slugify("漢".repeat(10_000)))).toBeLessThanOrEqual(200);
  });

  it("cannot produce a path", () => {
    expect(slugify("../../etc/passwd")).toBe("etc-passwd");
    expect(isSlug("../x")).toBe(false);
    expect(isSlug("wechat-ban")).toBe(true);
  });
});
