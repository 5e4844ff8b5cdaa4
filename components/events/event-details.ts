/** A one-line summary of an event's details for the table; the full JSON goes in a tooltip. */
export function summariseDetails(details: Record<string, unknown> | null): string {
  if (!details) return "";
  const parts: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (key === "expiresOn" && value && typeof value === "object" && "from" in value && "to" in value) {
      const v = value as { from: unknown; to: unknown };
      parts.push(`Expiration ${String(v.from)} → ${String(v.to)}`);
    } else if (key === "allowedIps" && value && typeof value === "object" && "added" in value) {
      const v = value as { added: unknown[]; removed: unknown[] };
      if (v.added.length) parts.push(`IPs added: ${v.added.join(", ")}`);
      if (v.removed.length) parts.push(`IPs removed: ${v.removed.join(", ")}`);
    } else {
      parts.push(`${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
    }
  }
  const text = parts.join("; ");
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}
