// The messages each page's HTML carries for its client components: the shell's namespaces on
// every page (app/layout.tsx), and a section's own beside them (components/i18n/section-messages.tsx
// in the section's layout). Sending the whole catalogue made up about a third of a page's HTML.
// test/client-messages.test.ts walks each section's client modules (lazily loaded ones too) and
// fails when one reads a namespace its section does not send.

/** What the shell, status pages and shared widgets read on every page. */
export const SHELL_NAMESPACES = ["common", "errors", "language", "pages", "shell", "ui"] as const;

/** What a form's refusals may name (components/form-errors.ts maps codes into these). */
const FORM_ERRORS = ["campaignRules", "campaigns", "expiryRules", "ipRules", "keyRules", "permissions", "rotation", "tokenRules", "userRules", "users"] as const;

export const SECTION_NAMESPACES = {
  tokens: [...FORM_ERRORS, "datePicker", "rotationDue", "tokenStatus", "tokens"],
  events: ["datePicker", "expiryRules"],
  users: [...FORM_ERRORS, "tokens"],
  roles: [...FORM_ERRORS, "roles", "tokens"],
  outbox: [],
  rotations: [...FORM_ERRORS, "tokens"],
  docs: ["docs"],
  signIn: [...FORM_ERRORS, "auth"],
  setup: [...FORM_ERRORS, "setup"],
} as const satisfies Record<string, readonly string[]>;

export type Section = keyof typeof SECTION_NAMESPACES;

/** The messages the browser gets: the shell's namespaces, and the section's when given. */
export function clientMessages<T extends Record<string, unknown>>(messages: T, section?: Section): Partial<T> {
  const sent = new Set<string>([...SHELL_NAMESPACES, ...(section ? SECTION_NAMESPACES[section] : [])]);
  return Object.fromEntries(Object.entries(messages).filter(([namespace]) => sent.has(namespace))) as Partial<T>;
}
