CREATE TABLE `token_previous_credentials` (
	`token_id` text PRIMARY KEY NOT NULL,
	`secret_ciphertext` blob,
	`public_key_pem` text,
	`public_key_fingerprint` text,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`works_until` integer NOT NULL,
	`last_used_at` integer,
	FOREIGN KEY (`token_id`) REFERENCES `api_tokens`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `token_previous_credentials_until_idx` ON `token_previous_credentials` (`works_until`);--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `credential_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `secret_created_at` integer;