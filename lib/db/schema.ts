// The tables as the code queries them: the description in ./tables.ts, built for SQLite (the
// default); lib/db/pg-schema.ts exports the same for PostgreSQL (drizzle-kit reads each).
import { sqliteTables } from "./tables";

export const { roles, rolePermissions, user, session, account, verification, deviceGroups, userDeviceGroups, apiTokens, tokenPreviousCredentials, rotationCampaigns, rotationCampaignTokens, tokenPermissions, tokenAllowedIps, events, outbox, devices, reachScripts, freezeMessages, freezeRequests, missingReports, oauthSigningKeys, tokenExchanges, revokedAccessTokens, signInFailures, seenRequests, seenRequestCounts, idempotencyKeys, schedulerLeases } = sqliteTables;
