import { describe, expect, it } from "vitest";
import fc from "fast-check";
import net from "node:net";
import ipaddr from "ipaddr.js";
import {
  addEntries,
  allowsEveryAddress,
  compileAllowlist,
  dedupeKey,
  describeAddResult,
  displayCidr,
  editEntry,
  hasOpenRange,
  invalidEntries,
  ipMatches,
  MAX_ALLOWED_IPS,
  parseEntry,
  splitEntries,
  tooManyMessage,
} from "./ip-allowlist";
import { inEnglish } from "@/test/english";
import { translateMessage } from "./message";
import { translatorFor } from "@/lib/i18n/translator";

const announced = (r: Parameters<typeof describeAddResult>[0]) => describeAddResult(r).map(inEnglish).join(" ");

function ok(raw: string) {
  const p = parseEntry(raw);
  if (!p.ok) throw new Error(`${raw}: ${p.message}`);
  return p;
}

describe("SECURITY.md IP rows", () => {
  it.each(["010.0.0.1", "0x0a.0.0.1", "10.1", "1.2.3"])("rejects the ambiguous IPv4 form %s", (raw) => {
    const p = parseEntry(raw);
    expect(p.ok).toBe(false);
    // ipaddr.js on its own would accept these, which is why the strict pre-check exists.
    expect(ipaddr.isValid(raw)).toBe(true);
  });

  it("normalises 10.0.0.5/24 to 10.0.0.0/24 and says so", () => {
    const p = ok("10.0.0.5/24");
    expect(p.cidr).toBe("10.0.0.0/24");
    expect(p.hostBitsCleared).toBe(true);
    const r = addEntries([], "10.0.0.5/24");
    expect(r.entries).toEqual(["10.0.0.0/24"]);
    expect(r.normalisedNotices.map(inEnglish)).toEqual(["10.0.0.5/24 was changed to 10.0.0.0/24."]);
    expect(announced(r)).toBe("10.0.0.5/24 was changed to 10.0.0.0/24.");
  });

  it.each([
    ["fe80::1%eth0", "fe80::1%eth0: zone IDs"],
    ["10.0.0.0/33", "between 0 and 32"],
    ["::/129", "between 0 and 128"],
    ["１０.0.0.1", "１０.0.0.1: use only"],
    ["10.0.0.１", "use only"],
    ["10..0.1", "four numbers"],
    ["10.0.0.", "four numbers"],
    [".10.0.0.1", "four numbers"],
    ["10.0.0.0/", "prefix length"],
    ["1:2:3:4:5:6:7:8:9", "eight groups"],
    ["1::2::3", "“::” may appear only once"],
    ["10.0.0.0/24/8", "one slash"],
    ["10.0.0.0/024", "prefix length"],
    ["10.0.0.1 /24", "spaces"],
    ["::ffff:010.0.0.1", "“010” has a leading zero"],
    ["256.0.0.1", "“256” is over 255"],
    ["-1.0.0.1", "use only"],
    ["", "Enter"],
  ])("rejects %j with a specific message", (raw, fragment) => {
    const p = parseEntry(raw);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(inEnglish(p.message)).toContain(fragment);
  });

  it("flags 0.0.0.0/0 and ::/0 as open ranges that need confirmation", () => {
    expect(ok("0.0.0.0/0").openRange).toBe(true);
    expect(ok("::/0").openRange).toBe(true);
    expect(ok("::ffff:0.0.0.0/96")).toMatchObject({ cidr: "0.0.0.0/0", openRange: true });
    expect(ok("10.0.0.0/8").openRange).toBe(false);
    expect(hasOpenRange(["10.0.0.1", "::/0"])).toBe(true);
    expect(hasOpenRange(["10.0.0.1", "bad"])).toBe(false);
  });

  it("matches rule 1.2.3.0/24 for caller ::ffff:1.2.3.4, and the reverse", () => {
    expect(ipMatches(["1.2.3.0/24"], "::ffff:1.2.3.4")).toBe(true);
    expect(ipMatches(["1.2.3.0/24"], "1.2.3.4")).toBe(true);
    expect(ipMatches(["1.2.3.0/24"], "::ffff:1.2.4.4")).toBe(false);
    const mappedRule = ok("::ffff:1.2.3.0/120").cidr;
    expect(mappedRule).toBe("1.2.3.0/24");
    expect(ipMatches([mappedRule], "1.2.3.4")).toBe(true);
    expect(ipMatches(["::/0"], "1.2.3.4")).toBe(true);
    expect(ipMatches(["2001:db8::/32"], "1.2.3.4")).toBe(false);
    expect(ipMatches(["1.2.3.0/24"], "2001:db8::1")).toBe(false);
  });

  it("caps 10,000 pasted entries at 100 with a clear message, quickly", () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `10.${(i >> 8) & 255}.${i & 255}.1`).join("\n");
    const started = performance.now();
    const r = addEntries([], text);
    expect(performance.now() - started).toBeLessThan(200);
    expect(r.entries).toHaveLength(MAX_ALLOWED_IPS);
    expect(r.overLimit).toBe(9_900);
    expect(inEnglish(tooManyMessage(r.overLimit))).toBe(
      "A token can have at most 100 allowed IP addresses or ranges: 9,900 entries were not added.",
    );
    expect(addEntries(r.entries, "192.168.0.1").overLimit).toBe(1);
  });
});

describe("splitEntries", () => {
  it("splits on spaces, commas, semicolons and new lines", () => {
    expect(splitEntries(" 10.0.0.1, 10.0.0.2;10.0.0.3\n10.0.0.4\r\n\t::1 ;; ,")).toEqual([
      "10.0.0.1",
      "10.0.0.2",
      "10.0.0.3",
      "10.0.0.4",
      "::1",
    ]);
    expect(splitEntries("   ")).toEqual([]);
  });
});

describe("parseEntry normalisation", () => {
  it("shows single addresses without /32 or /128 and stores them with it", () => {
    expect(ok("10.0.0.5")).toMatchObject({ cidr: "10.0.0.5/32", display: "10.0.0.5", changed: false });
    expect(ok("10.0.0.5/32").display).toBe("10.0.0.5");
    expect(ok("2001:DB8:0:0::1")).toMatchObject({ cidr: "2001:db8::1/128", display: "2001:db8::1" });
    expect(ok("2001:db8::5/64")).toMatchObject({ cidr: "2001:db8::/64", hostBitsCleared: true });
    expect(displayCidr("10.0.0.0/24")).toBe("10.0.0.0/24");
  });

  it("turns IPv4-mapped IPv6 into IPv4 and tells the user", () => {
    expect(ok("::ffff:1.2.3.4")).toMatchObject({ cidr: "1.2.3.4/32", kind: "ipv4", changed: true });
    expect(ok("::ffff:102:304")).toMatchObject({ cidr: "1.2.3.4/32" });
    expect(addEntries([], "::ffff:1.2.3.4").normalisedNotices.map(inEnglish)).toEqual(["::ffff:1.2.3.4 was changed to 1.2.3.4."]);
  });

  it("dedupes on the normalised form", () => {
    expect(dedupeKey("::1")).toBe("::1/128");
    expect(dedupeKey("0:0:0:0:0:0:0:1")).toBe("::1/128");
    expect(dedupeKey("10.0.0.5/32")).toBe("10.0.0.5/32");
    expect(dedupeKey("10.0.0.5")).toBe("10.0.0.5/32");
    expect(dedupeKey("nope")).toBeNull();
    const r = addEntries(["::1"], "0:0:0:0:0:0:0:1 10.0.0.9/24 10.0.0.0/24 bad bad");
    expect(r.entries).toEqual(["::1", "10.0.0.0/24", "bad"]);
    expect(r.duplicatesIgnored).toEqual(["0:0:0:0:0:0:0:1", "10.0.0.0/24", "bad"]);
    expect(r.invalid).toEqual(["bad"]);
    expect(announced(r)).toBe(
      "3 duplicates were ignored. 10.0.0.9/24 was changed to 10.0.0.0/24. 1 entry is not valid: see the list below.",
    );
  });
});

describe("editEntry", () => {
  it("replaces a chip in place, re-validates, removes when emptied, and ignores duplicates", () => {
    const start = ["10.0.0.1", "010.0.0.2", "10.0.0.3"];
    expect(editEntry(start, 1, "10.0.0.2").entries).toEqual(["10.0.0.1", "10.0.0.2", "10.0.0.3"]);
    expect(editEntry(start, 1, "").entries).toEqual(["10.0.0.1", "10.0.0.3"]);
    const dup = editEntry(start, 1, "10.0.0.3");
    expect(dup.entries).toEqual(["10.0.0.1", "10.0.0.3"]);
    expect(dup.duplicatesIgnored).toEqual(["10.0.0.3"]);
    expect(editEntry(start, 0, "10.0.0.1").entries).toEqual(start);
    expect(editEntry(start, 2, "1.1.1.1, 2.2.2.2").entries).toEqual(["10.0.0.1", "010.0.0.2", "1.1.1.1", "2.2.2.2"]);
  });
});

const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join("."));
const v6 = fc.array(fc.nat(0xffff), { minLength: 8, maxLength: 8 }).map((p) => p.map((x) => x.toString(16)).join(":"));

describe("properties", () => {
  it("parse∘format is the identity on random IPv4 and IPv6 rules", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(v4, fc.integer({ min: 0, max: 32 })),
          fc.tuple(v6, fc.integer({ min: 0, max: 128 })).filter(([a]) => !ipaddr.IPv6.parse(a).isIPv4MappedAddress()),
        ),
        ([addr, prefix]) => {
          const once = ok(`${addr}/${prefix}`);
          // The stored form and the display form both parse back to exactly themselves.
          expect(ok(once.cidr).cidr).toBe(once.cidr);
          expect(ok(once.cidr).changed).toBe(false);
          expect(ok(once.display).cidr).toBe(once.cidr);
          // And it agrees with ipaddr.js's own network address.
          const expected = addr.includes(":")
            ? ipaddr.IPv6.networkAddressFromCIDR(`${addr}/${prefix}`).toRFC5952String()
            : ipaddr.IPv4.networkAddressFromCIDR(`${addr}/${prefix}`).toString();
          expect(once.cidr).toBe(`${expected}/${prefix}`);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("membership equals node's net.BlockList", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(fc.constant("ipv4" as const), v4, fc.integer({ min: 0, max: 32 }), v4),
          fc.tuple(fc.constant("ipv6" as const), v6, fc.integer({ min: 0, max: 128 }), v6),
        ),
        fc.boolean(),
        ([family, ruleAddr, prefix, other], nearby) => {
          const rule = ok(`${ruleAddr}/${prefix}`);
          if (rule.kind !== family) return; // mapped addresses are covered by the example tests
          // Half the time test an address inside the rule's network, so matches happen often.
          const client = nearby ? ruleAddr : other;
          const [network, bits] = rule.cidr.split("/");
          const list = new net.BlockList();
          list.addSubnet(network, Number(bits), family);
          const clientParsed = ipaddr.parse(client);
          if (clientParsed.kind() === "ipv6" && (clientParsed as ipaddr.IPv6).isIPv4MappedAddress()) return;
          expect(ipMatches([rule.cidr], client)).toBe(list.check(client, family));
          expect(compileAllowlist([rule.display])(client)).toBe(list.check(client, family));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const p = parseEntry(s);
        if (p.ok) expect(ok(p.cidr).cidr).toBe(p.cidr);
      }),
    );
  });
});

describe("ipMatches", () => {
  it("allows anything with an empty list and nothing for a non-IP caller", () => {
    expect(ipMatches([], "203.0.113.9")).toBe(true);
    expect(ipMatches(["10.0.0.0/8"], "unknown")).toBe(false);
    expect(ipMatches([""], "203.0.113.9")).toBe(true);
    expect(ipMatches(["not-an-ip"], "203.0.113.9")).toBe(false);
    expect(ipMatches(["10.0.0.0/8", "2001:db8::/32"], "2001:db8::42")).toBe(true);
    expect(ipMatches(["10.0.0.5"], "10.0.0.5")).toBe(true);
    expect(ipMatches(["10.0.0.5"], "10.0.0.6")).toBe(false);
  });
});

describe("each bad entry gets one message that names it and says what is wrong", () => {
  const en = translatorFor("en");
  const ja = translatorFor("ja");
  const problem = (entry: string, t = en) => {
    const r = parseEntry(entry);
    return r.ok ? "accepted" : translateMessage(t, r.message);
  };
  it.each([
    ["999.1.1.1", "999.1.1.1: “999” is over 255 (each number of an IPv4 address is 0–255)."],
    ["10.0.0.256/24", "10.0.0.256/24: “256” is over 255 (each number of an IPv4 address is 0–255)."],
    ["010.0.0.1", "010.0.0.1: “010” has a leading zero; write it as 10 (leading zeros can mean octal)."],
    ["1.2.3", "1.2.3: an IPv4 address has four numbers separated by dots, like 192.168.1.10."],
    ["1.2..4", "1.2..4: an IPv4 address has four numbers separated by dots, like 192.168.1.10."],
    ["::ffff:300.1.1.1", "::ffff:300.1.1.1: “300” is over 255 (each number of an IPv4 address is 0–255)."],
    ["abc", "abc is neither an IPv4 address (four numbers 0–255, like 192.168.1.10) nor an IPv6 address (with colons, like 2001:db8::1)."],
    ["10.0.0.0/33", "10.0.0.0/33: the prefix length must be between 0 and 32 for IPv4."],
    ["10.0.0.0/024", "10.0.0.0/024: after the slash, write a prefix length without leading zeros, as in 10.0.0.0/24."],
    ["2001:db8::/129", "2001:db8::/129: the prefix length must be between 0 and 128 for IPv6."],
    ["fe80::1%eth0", "fe80::1%eth0: zone IDs (like %eth0) aren't allowed: remove the part from %."],
    ["2001:db8::1::2", "2001:db8::1::2: “::” may appear only once in an IPv6 address."],
    ["2001:db8:12345::1", "2001:db8:12345::1: “12345” has more than four hex digits (each group of an IPv6 address has 1–4)."],
    ["1:2:3:4:5:6:7", "1:2:3:4:5:6:7: an IPv6 address has eight groups separated by single colons, or fewer with one “::” standing for the zeros."],
    ["1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8:9: an IPv6 address has eight groups separated by single colons, or fewer with one “::” standing for the zeros."],
    [":1:2:3:4:5:6:7", ":1:2:3:4:5:6:7: an IPv6 address has eight groups separated by single colons, or fewer with one “::” standing for the zeros."],
    ["1:2:3:4:5:6:7:8::", "1:2:3:4:5:6:7:8::: an IPv6 address has eight groups separated by single colons, or fewer with one “::” standing for the zeros."],
  ])("%s", (entry, expected) => {
    expect(problem(entry)).toBe(expected);
  });

  it("in Japanese too", () => {
    expect(problem("999.1.1.1", ja)).toBe("999.1.1.1: 「999」は 255 を超えています（IPv4 アドレスの各数値は 0～255 です）。");
    expect(problem("2001:db8::1::2", ja)).toBe("2001:db8::1::2: IPv6 アドレスで「::」は 1 回しか使えません。");
  });

  it("names a very long entry by its start", () => {
    expect(problem("1".repeat(120))).toBe(`${"1".repeat(40)}… is too long to be an IP address or CIDR range.`);
  });

  it("invalidEntries: each distinct bad entry once, at its first index, in list order", () => {
    const found = invalidEntries(["10.0.0.1", "1.2.3", "fe80::1%eth0", "1.2.3", "2001:db8::1", "300.0.0.1"]);
    expect(found.map(({ index, entry }) => [index, entry])).toEqual([
      [1, "1.2.3"],
      [2, "fe80::1%eth0"],
      [5, "300.0.0.1"],
    ]);
    for (const f of found) expect(inEnglish(f.message).startsWith(f.entry)).toBe(true);
  });
});

describe("allowsEveryAddress: the one rule for no restriction", () => {
  it("is true only for a list with no entries (blank lines aside), like the API's matcher", () => {
    expect(allowsEveryAddress([])).toBe(true);
    expect(allowsEveryAddress(["", "  "])).toBe(true);
    expect(allowsEveryAddress(["10.0.0.1"])).toBe(false);
    expect(allowsEveryAddress(["not-an-ip"])).toBe(false);
    expect(compileAllowlist([])("203.0.113.9")).toBe(true);
  });
});
