import nodemailer from "nodemailer";
import { headerSafe } from "./outbox";

export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: OutgoingMessage): Promise<void>;
  close(): void;
}

export function mailFrom(): string {
  return headerSafe(process.env.KEYWARD_MAIL_FROM || "Keyward <keyward@localhost>");
}

/**
 * A nodemailer transport from SMTP_URL, or null when mail is not configured (messages then stay
 * in the Outbox page). The envelope is set explicitly, so only the one recipient ever receives
 * a message whatever its headers say.
 */
export function createMailer(url = process.env.SMTP_URL): Mailer | null {
  if (!url) return null;
  const transport = nodemailer.createTransport(url);
  return {
    async send(m) {
      const from = mailFrom();
      const to = headerSafe(m.to, 254);
      await transport.sendMail({
        from,
        to,
        subject: headerSafe(m.subject),
        text: m.text,
        envelope: { from: extractAddress(from), to: [to] },
      });
    },
    close() {
      transport.close();
    },
  };
}

function extractAddress(from: string): string {
  const m = /<([^<>]+)>\s*$/.exec(from);
  return m ? m[1] : from;
}

/** An SMTP failure as a short message safe to store: no credentials from the URL. */
export function describeMailError(err: unknown): string {
  const raw = err instanceof Error ? `${(err as { code?: string }).code ?? err.name}: ${err.message}` : "unknown error";
  const url = process.env.SMTP_URL;
  let text = raw;
  if (url) {
    try {
      const u = new URL(url);
      if (u.password) text = text.split(decodeURIComponent(u.password)).join("***").split(u.password).join("***");
    } catch {
      // An unparsable SMTP_URL has no password we could strip.
    }
  }
  return headerSafe(text, 300);
}
