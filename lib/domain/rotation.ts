/**
 * Rotating one token (PRODUCT "Rotating a token"): the overlap choices and the rules every
 * verifier shares about the previous credential. Pure and zod-free, so the dialog can import the
 * choices without bringing zod into the token page's first load (the schema: rotation-schemas.ts).
 */
const HOUR = 3_600_000;

/** "Keep the old secret working for": the choices, in the order the dialog offers them. */
export const OVERLAPS = ["none", "1h", "24h", "3d", "7d"] as const;
export type Overlap = (typeof OVERLAPS)[number];
export const DEFAULT_OVERLAP: Overlap = "24h";

const OVERLAP_MS: Record<Overlap, number> = { none: 0, "1h": HOUR, "24h": 24 * HOUR, "3d": 72 * HOUR, "7d": 168 * HOUR };

/** When the replaced credential stops verifying; equal to `now` for "Stop now". */
export function overlapEnd(overlap: Overlap, now: number): number {
  return now + OVERLAP_MS[overlap];
}

/** What a verifier knows of a token's credentials (lib/api/token-state). */
export interface CredentialState {
  credentialVersion: number;
  previousVersion: number | null;
  /** End of the overlap (ms), or null when there is no previous credential. */
  previousUntil: number | null;
}

/** Whether the previous credential still verifies at `now`: strictly before its overlap ends. */
export function previousCredentialLive(s: Pick<CredentialState, "previousUntil">, now: number): boolean {
  return s.previousUntil !== null && now < s.previousUntil;
}

/**
 * Whether an access token issued from credential version `cv` may still be used. Those from the
 * current credential may; those from the previous one only while its overlap runs, so they end
 * with it (at its natural end, End overlap now, or the next rotation). Access tokens minted before
 * rotation existed carry no version: they came from version 1.
 */
export function accessTokenCredentialLive(s: CredentialState, cv: number | undefined, now: number): boolean {
  const version = cv ?? 1;
  if (version === s.credentialVersion) return true;
  return version === s.previousVersion && previousCredentialLive(s, now);
}

/** The `Keyward-Credential-Superseded` value: the overlap's end in RFC 3339 (UTC). */
export function supersededHeader(previousUntil: number): Record<string, string> {
  return { "Keyward-Credential-Superseded": new Date(previousUntil).toISOString() };
}
