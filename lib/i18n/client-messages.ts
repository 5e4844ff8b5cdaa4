// Namespaces only server components read (event texts, notices, the outbox, navigation labels):
// left out of the messages sent to the browser (app/layout.tsx), which every page's HTML carries
// in full. test/client-messages.test.ts checks no client component reads one.
export const SERVER_ONLY_NAMESPACES: ReadonlySet<string> = new Set(["app", "eventActions", "eventDetails", "events", "nav", "notices", "outbox"]);

/** The messages the browser gets: all but the server-only namespaces. */
export function clientMessages<T extends Record<string, unknown>>(messages: T): Partial<T> {
  return Object.fromEntries(Object.entries(messages).filter(([namespace]) => !SERVER_ONLY_NAMESPACES.has(namespace))) as Partial<T>;
}
