DROP INDEX `api_tokens_creator_idx`;--> statement-breakpoint
CREATE INDEX `api_tokens_list_created_idx` ON `api_tokens` ("created_at" desc,`id`,`revoked_at`,`expires_on`,`creator_id`);--> statement-breakpoint
CREATE INDEX `api_tokens_list_expiry_asc_idx` ON `api_tokens` (`expires_on`,"created_at" desc,`id`,`revoked_at`,`creator_id`);--> statement-breakpoint
CREATE INDEX `api_tokens_list_expiry_desc_idx` ON `api_tokens` ("expires_on" desc,"created_at" desc,`id`,`revoked_at`,`creator_id`);--> statement-breakpoint
CREATE INDEX `api_tokens_creator_expiry_asc_idx` ON `api_tokens` (`creator_id`,`expires_on`,"created_at" desc,`id`,`revoked_at`);--> statement-breakpoint
CREATE INDEX `api_tokens_creator_expiry_desc_idx` ON `api_tokens` (`creator_id`,"expires_on" desc,"created_at" desc,`id`,`revoked_at`);--> statement-breakpoint
CREATE INDEX `api_tokens_creator_idx` ON `api_tokens` (`creator_id`,"created_at" desc,`id`,`revoked_at`,`expires_on`);