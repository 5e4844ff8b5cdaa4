ALTER TABLE `user` ADD `language` text;--> statement-breakpoint
ALTER TABLE `user` ADD `browser_language` text;