import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ERROR_CODES } from "./errors";

// /openapi.json lists the codes of API_ERROR_CODES; a refusal written with another code, or
// with another status, would be undocumented. Read the sources that build API refusals.

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIRS = ["lib/api", "lib/oauth"];

function sources(): { file: string; text: string }[] {
  return DIRS.flatMap((dir) => {
    const abs = path.join(ROOT, dir);
    if (!fs.existsSync(abs)) return [];
    return fs
      .readdirSync(abs)
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .map((f) => ({ file: `${dir}/${f}`, text: fs.readFileSync(path.join(abs, f), "utf8") }));
  });
}

/** `new ApiError(403, "FORBIDDEN"`, `badRequest(`, and the JSON bodies written by hand. */
function usedCodes(text: string): { code: string; status: number | null }[] {
  const out: { code: string; status: number | null }[] = [];
  for (const m of text.matchAll(/new ApiError\(\s*(\d{3}),\s*"([A-Z_]+)"/g)) out.push({ status: Number(m[1]), code: m[2] });
  for (const m of text.matchAll(/\bcode: "([A-Z_]+)"/g)) out.push({ status: null, code: m[1] });
  for (const m of text.matchAll(/\berror\("([A-Z_]+)"/g)) out.push({ status: null, code: m[1] });
  if (/\bbadRequest\(/.test(text)) out.push({ status: 400, code: "BAD_REQUEST" });
  return out;
}

describe("API_ERROR_CODES", () => {
  it("holds every code and status the API answers with", () => {
    const found = sources().flatMap(({ file, text }) => usedCodes(text).map((u) => ({ file, ...u })));
    // The scan must see the pipeline's refusals to mean anything.
    expect(found.map((f) => f.code)).toEqual(expect.arrayContaining(["UNAUTHORIZED", "FORBIDDEN", "TOKEN_EXPIRED", "PAYLOAD_TOO_LARGE", "INTERNAL_ERROR", "VALIDATION_ERROR"]));
    const table: Record<string, { status: number }> = API_ERROR_CODES;
    const wrong = found.filter((f) => !(f.code in table) || (f.status !== null && table[f.code].status !== f.status));
    expect(wrong).toEqual([]);
  });

  it("would notice an undocumented code", () => {
    expect(usedCodes(`throw new ApiError(418, "TEAPOT", "no");`)).toEqual([{ status: 418, code: "TEAPOT" }]);
    expect(usedCodes(`JSON.stringify({ code: "NEW_THING", message })`)).toEqual([{ status: null, code: "NEW_THING" }]);
  });
});
