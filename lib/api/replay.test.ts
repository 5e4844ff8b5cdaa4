import { describe, expect, it } from "vitest";
import { ReplayCache } from "./replay";

describe("ReplayCache", () => {
  it("refuses a key seen inside its window and accepts it once forgotten", () => {
    const c = new ReplayCache();
    expect(c.remember("a", 10_000, 1_000)).toBe("new");
    expect(c.remember("a", 10_000, 9_999)).toBe("replay");
    expect(c.remember("a", 10_000, 10_000)).toBe("replay");
    expect(c.remember("a", 10_000, 10_001)).toBe("new");
  });

  it("forgets expired keys a bounded batch at a time, keeping live ones", () => {
    const c = new ReplayCache();
    for (let i = 0; i < 1000; i++) c.remember(`old${i}`, 5_000, 1_000);
    for (let i = 0; i < 10; i++) c.remember(`live${i}`, 100_000, 1_000);
    expect(c.size).toBe(1010);
    c.remember("x", 100_000, 7_000);
    expect(c.size).toBe(1011 - 256);
    for (let i = 0; i < 5; i++) c.remember(`y${i}`, 100_000, 7_000);
    expect(c.size).toBe(10 + 1 + 5);
    expect(c.remember("live3", 100_000, 7_000)).toBe("replay");
  });

  it("refuses new keys when full of live ones rather than forgetting any", () => {
    const c = new ReplayCache(3);
    for (const k of ["a", "b", "c"]) expect(c.remember(k, 100_000, 1_000)).toBe("new");
    expect(c.remember("d", 100_000, 2_000)).toBe("full");
    expect(c.remember("a", 100_000, 2_000)).toBe("replay");
    // Once some expire, there is room again.
    const d = new ReplayCache(3);
    for (const k of ["a", "b", "c"]) d.remember(k, 3_000, 1_000);
    expect(d.remember("e", 100_000, 5_000)).toBe("new");
  });
});
