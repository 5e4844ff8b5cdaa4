ALTER TABLE `events` ADD `token_owner_id` text;--> statement-breakpoint
-- Existing events about a token get its creator: from the token, or for a deleted one from the
-- token.created event that recorded its creation (as lib/data/record-event.ts does for new ones).
UPDATE `events` SET `token_owner_id` = coalesce(
  (SELECT `creator_id` FROM `api_tokens` WHERE `api_tokens`.`id` = `events`.`target_id`),
  (SELECT c.`actor_id` FROM `events` c WHERE c.`target_id` = `events`.`target_id` AND c.`action` = 'token.created' ORDER BY c.`id` LIMIT 1)
) WHERE `target_type` = 'token';--> statement-breakpoint
CREATE INDEX `events_token_owner_idx` ON `events` (`token_owner_id`,`id`);--> statement-breakpoint
CREATE INDEX `events_actor_action_idx` ON `events` (`actor_id`,`action`,`id`);--> statement-breakpoint
CREATE INDEX `events_target_action_idx` ON `events` (`target_id`,`action`,`id`);--> statement-breakpoint
CREATE INDEX `events_token_owner_action_idx` ON `events` (`token_owner_id`,`action`,`id`);