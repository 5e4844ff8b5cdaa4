CREATE TABLE `seen_request_counts` (
	`token_id` text NOT NULL,
	`expires_minute` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`token_id`, `expires_minute`)
);
--> statement-breakpoint
CREATE TABLE `seen_requests` (
	`token_id` text NOT NULL,
	`key` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`token_id`, `key`)
);
--> statement-breakpoint
CREATE INDEX `seen_requests_expires_idx` ON `seen_requests` (`expires_at`);