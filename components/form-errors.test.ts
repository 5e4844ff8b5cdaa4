import { describe, expect, it } from "vitest";
import { applyFieldErrors } from "./form-errors";

function recorder() {
  const calls: { set: [string, string][]; focus: string[] } = { set: [], focus: [] };
  const form = {
    setError: (name: string, error: { message?: string }) => void calls.set.push([name, error.message ?? ""]),
    setFocus: (name: string) => void calls.focus.push(name),
  };
  return { calls, form };
}

describe("applyFieldErrors", () => {
  it("puts each field's first message on the field, without the prefix, and focuses the first field", () => {
    const { calls, form } = recorder();
    applyFieldErrors(form, { "values.expiresOn": ["Pick a later date.", "second"], "values.timeZone": ["Unknown zone."], _form: ["whole form"] }, "values.");
    expect(calls.set).toEqual([
      ["expiresOn", "Pick a later date."],
      ["timeZone", "Unknown zone."],
    ]);
    expect(calls.focus).toEqual(["expiresOn"]);
  });

  it("returns the messages it placed, so the caller doesn't show them a second time", () => {
    const { form } = recorder();
    expect(applyFieldErrors(form, { email: ["Taken."], _form: ["whole form"] })).toEqual(["Taken."]);
  });

  it("does nothing without field errors", () => {
    const { calls, form } = recorder();
    applyFieldErrors(form, undefined);
    applyFieldErrors(form, { _form: ["only the form"] });
    expect(calls).toEqual({ set: [], focus: [] });
  });
});
