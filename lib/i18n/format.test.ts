import { describe, expect, it } from "vitest";
import { formatCalendarDate, formatDateTime } from "./format";

describe("dates in each language", () => {
  const at = "2026-11-23T07:05:09Z";
  it("Japanese: 2026年11月23日 16:05 in the viewer's zone", () => {
    expect(formatDateTime(at, "ja", "Asia/Tokyo")).toBe("2026年11月23日 16:05 JST");
  });
  it("English: sortable, with seconds and the zone", () => {
    expect(formatDateTime(at, "en", "UTC")).toBe("2026-11-23 07:05:09 UTC");
  });
  it("calendar dates", () => {
    expect(formatCalendarDate("2026-11-23", "ja")).toBe("2026年11月23日");
    expect(formatCalendarDate("2026-11-23", "en")).toBe("2026-11-23");
  });
});
