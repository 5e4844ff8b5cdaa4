-- Substring search over token titles and IDs (the token list's search box): an FTS5 index of
-- trigrams, case-insensitive, kept in step with api_tokens by the triggers below. drizzle's
-- schema cannot express virtual tables or triggers, so they live only here. A row is found by
-- its token ID through the index itself (a full-ID phrase), never by api_tokens' rowid, which
-- VACUUM may renumber.
CREATE VIRTUAL TABLE `api_tokens_search` USING fts5(`id`, `title`, tokenize = 'trigram');
--> statement-breakpoint
INSERT INTO `api_tokens_search` (`id`, `title`) SELECT `id`, `title` FROM `api_tokens`;
--> statement-breakpoint
CREATE TRIGGER `api_tokens_search_insert` AFTER INSERT ON `api_tokens` BEGIN
  INSERT INTO `api_tokens_search` (`id`, `title`) VALUES (new.`id`, new.`title`);
END;
--> statement-breakpoint
CREATE TRIGGER `api_tokens_search_delete` AFTER DELETE ON `api_tokens` BEGIN
  DELETE FROM `api_tokens_search` WHERE `api_tokens_search` MATCH 'id : "' || old.`id` || '"' AND `id` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `api_tokens_search_update` AFTER UPDATE OF `id`, `title` ON `api_tokens` BEGIN
  DELETE FROM `api_tokens_search` WHERE `api_tokens_search` MATCH 'id : "' || old.`id` || '"' AND `id` = old.`id`;
  INSERT INTO `api_tokens_search` (`id`, `title`) VALUES (new.`id`, new.`title`);
END;
