-- What PostgreSQL does differently from SQLite's migrations 0007/0010 and 0012 (lib/db/tables.ts
-- names the column differences).
--
-- The token list's substring search: trigram indexes (pg_trgm) on the title and the ID serve
-- `ILIKE '%…%'`, where SQLite has an FTS5 table with the trigram tokenizer.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX "api_tokens_title_trgm_idx" ON "api_tokens" USING gin ("title" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "api_tokens_id_trgm_idx" ON "api_tokens" USING gin ("id" gin_trgm_ops);
--> statement-breakpoint
-- Which API tokens' verification state changed, told to every Keyward process at commit (in
-- commit order) on the channel keyward_token_state: the payload is a token ID, '*' (a role's
-- permissions changed: forget every token) or '#campaigns' (re-read the pending campaign
-- deadlines). Each process's in-memory token state (lib/api/token-state.ts) forgets what it is
-- told; a process that loses its listening connection forgets everything. Where SQLite polls a
-- change log written by the same triggers (migration 0012), PostgreSQL has LISTEN/NOTIFY, and a
-- notification is never seen before the change it tells of is committed. "Running" below is
-- lib/domain/campaign.ts's RUNNING_CAMPAIGN_STATUSES.
CREATE FUNCTION "keyward_token_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'role_permissions' THEN
    PERFORM pg_notify('keyward_token_state', '*');
  ELSIF TG_TABLE_NAME = 'user' THEN
    PERFORM pg_notify('keyward_token_state', "id") FROM "api_tokens" WHERE "creator_id" = NEW."id";
  ELSIF TG_TABLE_NAME = 'rotation_campaigns' OR (TG_TABLE_NAME = 'rotation_campaign_tokens' AND TG_OP = 'INSERT') THEN
    PERFORM pg_notify('keyward_token_state', '#campaigns');
  ELSIF TG_TABLE_NAME = 'api_tokens' THEN
    IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('keyward_token_state', OLD."id"); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('keyward_token_state', NEW."id"); END IF;
  ELSE
    IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('keyward_token_state', OLD."token_id"); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('keyward_token_state', NEW."token_id"); END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "tsc_token_insert" AFTER INSERT OR DELETE ON "api_tokens" FOR EACH ROW EXECUTE FUNCTION "keyward_token_changed"();
--> statement-breakpoint
CREATE TRIGGER "tsc_token_update" AFTER UPDATE OF "id", "title", "type", "secret_ciphertext", "public_key_pem", "creator_id", "expires_on", "device_scope", "device_group_id", "revoked_at", "credential_version" ON "api_tokens" FOR EACH ROW EXECUTE FUNCTION "keyward_token_changed"();
--> statement-breakpoint
CREATE TRIGGER "tsc_permission" AFTER INSERT OR UPDATE OR DELETE ON "token_permissions" FOR EACH ROW EXECUTE FUNCTION "keyward_token_changed"();
--> statement-breakpoint
CREATE TRIGGER "tsc_ip" AFTER INSERT OR UPDATE OR DELETE ON "token_allowed_ips" FOR EACH ROW EXECUTE FUNCTION "keyward_token_changed"();
--> statement-breakpoint
CREATE TRIGGER "tsc_previous" AFTER INSERT OR DELETE OR UPDATE OF "secret_ciphertext", "public_key_pem", "version", "works_until" ON "token_previous_credentials" FOR EACH ROW EXECUTE FUNCTION "keyward_token_changed"();
--> statement-breakpoint
CREATE TRIGGER "tsc_exchange_insert" AFTER INSERT ON "token_exchanges" FOR EACH ROW WHEN (NEW."access_not_before" IS NOT NULL) EXECUTE FUNCTION "keyward_token_changed"();
--> statement-breakpoint
CREATE TRIGGER "tsc_exchange_update" AFTER UPDATE OF "access_not_before" ON "token_exchanges" FOR EACH ROW EXECUTE FUNCTION "keyward_token_changed"();
--> statement-breakpoint
CREATE TRIGGER "tsc_user_update" AFTER UPDATE OF "status", "role_id" ON "user" FOR EACH ROW EXECUTE FUNCTION "keyward_token_changed"();
--> statement-breakpoint
CREATE TRIGGER "tsc_role_permission" AFTER INSERT OR UPDATE OR DELETE ON "role_permissions" FOR EACH STATEMENT EXECUTE FUNCTION "keyward_token_changed"();
--> statement-breakpoint
-- Enrolling 100,000 tokens tells once per statement, not once per row.
CREATE TRIGGER "tsc_campaign_token_insert" AFTER INSERT ON "rotation_campaign_tokens" FOR EACH STATEMENT EXECUTE FUNCTION "keyward_token_changed"();
--> statement-breakpoint
CREATE TRIGGER "tsc_campaign_token_update" AFTER UPDATE OF "state" ON "rotation_campaign_tokens" FOR EACH ROW EXECUTE FUNCTION "keyward_token_changed"();
--> statement-breakpoint
CREATE TRIGGER "tsc_campaign_update" AFTER UPDATE OF "status", "deadline_at" ON "rotation_campaigns" FOR EACH ROW
  WHEN (NEW."status" NOT IN ('starting', 'active') OR NEW."deadline_at" <> OLD."deadline_at") EXECUTE FUNCTION "keyward_token_changed"();
