import { describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/domain/errors";
import { ActionError, refusal } from "./action";

describe("refusal: how lib/data's errors become action responses", () => {
  it.each([
    [new NotFoundError("gone"), 404],
    [new ConflictError("taken"), 409],
    [new ForbiddenError("not yours"), 403],
    [new ValidationError("bad"), 400],
    [new ActionError("stale form", 400), 400],
    [new ActionError("clash", 409), 409],
  ])("%s → %i with its message", (err, status) => {
    expect(refusal(err)).toEqual({ ok: false, status, error: err.message, fieldErrors: undefined });
  });

  it("keeps field errors", () => {
    expect(refusal(new ConflictError("Some fields need attention.", { title: ["Choose another title."] }))).toEqual({
      ok: false,
      status: 409,
      error: "Some fields need attention.",
      fieldErrors: { title: ["Choose another title."] },
    });
  });

  it("is null for an unexpected error, which the wrapper hides", () => {
    expect(refusal(new Error("SQLITE_BUSY"))).toBeNull();
    expect(refusal("text")).toBeNull();
  });
});
