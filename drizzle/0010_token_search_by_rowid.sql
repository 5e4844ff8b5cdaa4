-- The trigram search index of 0007 again, now keyed by api_tokens' rowid and reading its text from
-- api_tokens (external content): a match yields rowids straight from the index, which the list's
-- covering indexes hold too (every SQLite index ends in the rowid), so joining, counting and
-- ordering the matches reads no stored text and no 36-character IDs. VACUUM keeps api_tokens'
-- rowids: the table always has an index (its text primary key), and SQLite copies the rowids of
-- an indexed table as they are. Anything that rebuilds api_tokens must end with the 'rebuild'
-- below, which re-reads every title and ID.
DROP TRIGGER `api_tokens_search_insert`;
--> statement-breakpoint
DROP TRIGGER `api_tokens_search_delete`;
--> statement-breakpoint
DROP TRIGGER `api_tokens_search_update`;
--> statement-breakpoint
DROP TABLE `api_tokens_search`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `api_tokens_search` USING fts5(`id`, `title`, content = 'api_tokens', content_rowid = 'rowid', tokenize = 'trigram');
--> statement-breakpoint
INSERT INTO `api_tokens_search` (`api_tokens_search`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `api_tokens_search_insert` AFTER INSERT ON `api_tokens` BEGIN
  INSERT INTO `api_tokens_search` (`rowid`, `id`, `title`) VALUES (new.`rowid`, new.`id`, new.`title`);
END;
--> statement-breakpoint
CREATE TRIGGER `api_tokens_search_delete` AFTER DELETE ON `api_tokens` BEGIN
  INSERT INTO `api_tokens_search` (`api_tokens_search`, `rowid`, `id`, `title`) VALUES ('delete', old.`rowid`, old.`id`, old.`title`);
END;
--> statement-breakpoint
CREATE TRIGGER `api_tokens_search_update` AFTER UPDATE OF `id`, `title` ON `api_tokens` BEGIN
  INSERT INTO `api_tokens_search` (`api_tokens_search`, `rowid`, `id`, `title`) VALUES ('delete', old.`rowid`, old.`id`, old.`title`);
  INSERT INTO `api_tokens_search` (`rowid`, `id`, `title`) VALUES (new.`rowid`, new.`id`, new.`title`);
END;
