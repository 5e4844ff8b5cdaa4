-- Which API tokens' verification state changed, in commit order, so each process's in-memory
-- token state (lib/api/token-state.ts) reloads only those tokens after a write instead of every
-- token (seconds at 100,000 tokens). Written by triggers, so no write path can forget it; pruned
-- by the scheduler after 10 minutes (a process further behind reloads everything). A role's
-- permissions change rarely and reach every token of its members: that writes '*', "reload all".
-- A campaign enrolling tokens or ending writes '#campaigns': every pending deadline is re-read
-- (one indexed query), not the tokens. "Running" below is lib/domain/campaign.ts's
-- RUNNING_CAMPAIGN_STATUSES.
CREATE TABLE `token_state_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_id` text NOT NULL,
	`at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `token_state_changes_at_idx` ON `token_state_changes` (`at`);
--> statement-breakpoint
CREATE TRIGGER `tsc_token_insert` AFTER INSERT ON `api_tokens` BEGIN
  INSERT INTO `token_state_changes` (`token_id`) VALUES (new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `tsc_token_update` AFTER UPDATE OF `id`, `title`, `type`, `secret_ciphertext`, `public_key_pem`, `creator_id`, `expires_on`, `device_scope`, `device_group_id`, `revoked_at`, `credential_version` ON `api_tokens` BEGIN
  INSERT INTO `token_state_changes` (`token_id`) VALUES (old.`id`);
  INSERT INTO `token_state_changes` (`token_id`) SELECT new.`id` WHERE new.`id` <> old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `tsc_token_delete` AFTER DELETE ON `api_tokens` BEGIN
  INSERT INTO `token_state_changes` (`token_id`) VALUES (old.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `tsc_permission_insert` AFTER INSERT ON `token_permissions` BEGIN
  INSERT INTO `token_state_changes` (`token_id`) VALUES (new.`token_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `tsc_permission_delete` AFTER DELETE ON `token_permissions` BEGIN
  INSERT INTO `token_state_changes` (`token_id`) VALUES (old.`token_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `tsc_ip_insert` AFTER INSERT ON `token_allowed_ips` BEGIN
  INSERT INTO `token_state_changes` (`token_id`) VALUES (new.`token_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `tsc_ip_delete` AFTER DELETE ON `token_allowed_ips` BEGIN
  INSERT INTO `token_state_changes` (`token_id`) VALUES (old.`token_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `tsc_previous_insert` AFTER INSERT ON `token_previous_credentials` BEGIN
  INSERT INTO `token_state_changes` (`token_id`) VALUES (new.`token_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `tsc_previous_update` AFTER UPDATE OF `secret_ciphertext`, `public_key_pem`, `version`, `works_until` ON `token_previous_credentials` BEGIN
  INSERT INTO `token_state_changes` (`token_id`) VALUES (new.`token_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `tsc_previous_delete` AFTER DELETE ON `token_previous_credentials` BEGIN
  INSERT INTO `token_state_changes` (`token_id`) VALUES (old.`token_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `tsc_exchange_insert` AFTER INSERT ON `token_exchanges` WHEN new.`access_not_before` IS NOT NULL BEGIN
  INSERT INTO `token_state_changes` (`token_id`) VALUES (new.`token_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `tsc_exchange_update` AFTER UPDATE OF `access_not_before` ON `token_exchanges` BEGIN
  INSERT INTO `token_state_changes` (`token_id`) VALUES (new.`token_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `tsc_user_update` AFTER UPDATE OF `status`, `role_id` ON `user` BEGIN
  INSERT INTO `token_state_changes` (`token_id`) SELECT `id` FROM `api_tokens` WHERE `creator_id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `tsc_role_permission_insert` AFTER INSERT ON `role_permissions` BEGIN
  INSERT INTO `token_state_changes` (`token_id`) VALUES ('*');
END;
--> statement-breakpoint
CREATE TRIGGER `tsc_role_permission_delete` AFTER DELETE ON `role_permissions` BEGIN
  INSERT INTO `token_state_changes` (`token_id`) VALUES ('*');
END;
--> statement-breakpoint
CREATE TRIGGER `tsc_campaign_token_insert` AFTER INSERT ON `rotation_campaign_tokens` BEGIN
  INSERT INTO `token_state_changes` (`token_id`) VALUES ('#campaigns');
END;
--> statement-breakpoint
CREATE TRIGGER `tsc_campaign_token_update` AFTER UPDATE OF `state` ON `rotation_campaign_tokens` BEGIN
  INSERT INTO `token_state_changes` (`token_id`) VALUES (new.`token_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `tsc_campaign_update` AFTER UPDATE OF `status`, `deadline_at` ON `rotation_campaigns`
  WHEN new.`status` NOT IN ('starting', 'active') OR new.`deadline_at` <> old.`deadline_at` BEGIN
  INSERT INTO `token_state_changes` (`token_id`) VALUES ('#campaigns');
END;
--> statement-breakpoint
CREATE TRIGGER `tsc_permission_update` AFTER UPDATE ON `token_permissions` BEGIN
  INSERT INTO `token_state_changes` (`token_id`) VALUES (old.`token_id`);
  INSERT INTO `token_state_changes` (`token_id`) SELECT new.`token_id` WHERE new.`token_id` <> old.`token_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `tsc_ip_update` AFTER UPDATE ON `token_allowed_ips` BEGIN
  INSERT INTO `token_state_changes` (`token_id`) VALUES (old.`token_id`);
  INSERT INTO `token_state_changes` (`token_id`) SELECT new.`token_id` WHERE new.`token_id` <> old.`token_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `tsc_role_permission_update` AFTER UPDATE ON `role_permissions` BEGIN
  INSERT INTO `token_state_changes` (`token_id`) VALUES ('*');
END;
