import { e2eDb, utcDate } from "./token-db";

// Rotation campaigns written straight into the e2e database: the campaign page, its table and
// its export can be tested in any state without waiting for the scheduler to act.

export type CampaignTokenState = "pending" | "rotated" | "rotated_auto" | "revoked" | "ended";

/**
 * A campaign (active unless `status` says otherwise, deadline 30 days ahead unless `deadlineOn`)
 * enrolling `tokens` (ID, owner, title as enrolled, state, and after an automatic rotation the
 * credential version to reveal); returns its ID.
 */
export function insertCampaign(c: {
  name: string;
  reason?: string;
  action?: "rotate" | "revoke";
  status?: "active" | "completed";
  deadlineOn?: string;
  userIds: string[];
  tokens: { tokenId: string; ownerId: string; title: string; state: CampaignTokenState; revealVersion?: number }[];
}): number {
  const db = e2eDb();
  try {
    const deadlineOn = c.deadlineOn ?? utcDate(30);
    return db
      .transaction(() => {
        const { id } = db
          .prepare(
            "insert into rotation_campaigns (name, reason, scope_kind, scope_user_ids, deadline_on, deadline_at, action, status, created_by_email, announced_at) values (?, ?, 'users', ?, ?, ?, ?, ?, 'ada@example.com', ?) returning id",
          )
          .get(c.name, c.reason ?? "Our provider renews every key this quarter.", JSON.stringify(c.userIds), deadlineOn, Date.parse(`${deadlineOn}T23:59:59Z`), c.action ?? "rotate", c.status ?? "active", Date.now()) as { id: number };
        const row = db.prepare("insert into rotation_campaign_tokens (campaign_id, token_id, owner_id, title, used_recently, state, acted_at, reveal_version) values (?, ?, ?, ?, 0, ?, ?, ?)");
        for (const t of c.tokens) row.run(id, t.tokenId, t.ownerId, t.title, t.state, t.state === "pending" ? null : Date.now(), t.revealVersion ?? null);
        return id;
      })
      .immediate();
  } finally {
    db.close();
  }
}

/** A campaign's status and its tokens' states, as the database holds them now. */
export function campaignState(id: number): { status: string; states: string[] } {
  const db = e2eDb();
  try {
    const { status } = db.prepare("select status from rotation_campaigns where id = ?").get(id) as { status: string };
    const states = (db.prepare("select state from rotation_campaign_tokens where campaign_id = ? order by token_id").all(id) as { state: string }[]).map((r) => r.state);
    return { status, states };
  } finally {
    db.close();
  }
}

export function campaignCount(): number {
  const db = e2eDb();
  try {
    return (db.prepare("select count(*) as n from rotation_campaigns").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Marks a token used `daysAgo` days ago. */
export function setLastUsed(tokenId: string, daysAgo: number): void {
  const db = e2eDb();
  try {
    db.prepare("update api_tokens set last_used_at = ? where id = ?").run(Date.now() - daysAgo * 86_400_000, tokenId);
  } finally {
    db.close();
  }
}

export function userIdOf(email: string): string {
  const db = e2eDb();
  try {
    return (db.prepare("select id from user where email = ?").get(email) as { id: string }).id;
  } finally {
    db.close();
  }
}
