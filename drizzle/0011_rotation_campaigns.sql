CREATE TABLE `rotation_campaign_tokens` (
	`campaign_id` integer NOT NULL,
	`token_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`title` text NOT NULL,
	`used_recently` integer NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`acted_at` integer,
	`reveal_version` integer,
	`revealed_at` integer,
	PRIMARY KEY(`campaign_id`, `token_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `rotation_campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `rotation_campaign_tokens_state_idx` ON `rotation_campaign_tokens` (`campaign_id`,`state`,`token_id`);--> statement-breakpoint
CREATE INDEX `rotation_campaign_tokens_token_idx` ON `rotation_campaign_tokens` (`token_id`,`state`);--> statement-breakpoint
CREATE INDEX `rotation_campaign_tokens_owner_idx` ON `rotation_campaign_tokens` (`owner_id`,`state`);--> statement-breakpoint
CREATE TABLE `rotation_campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`reason` text NOT NULL,
	`scope_kind` text NOT NULL,
	`scope_days` integer,
	`scope_user_ids` text,
	`deadline_on` text NOT NULL,
	`deadline_at` integer NOT NULL,
	`action` text NOT NULL,
	`status` text NOT NULL,
	`created_by` text,
	`created_by_email` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	`forced_at` integer,
	`ended_at` integer,
	`announced_at` integer,
	`reminder7_queued_at` integer,
	`reminder1_queued_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `rotation_campaigns_status_idx` ON `rotation_campaigns` (`status`,`deadline_at`);