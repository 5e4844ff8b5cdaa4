// The tables for PostgreSQL, as drizzle-kit reads them to generate drizzle/pg/ (drizzle.pg.config.ts).
import { pgTables } from "./tables";

export const { roles, rolePermissions, user, session, account, verification, deviceGroups, userDeviceGroups, apiTokens, tokenPreviousCredentials, rotationCampaigns, rotationCampaignTokens, tokenPermissions, tokenAllowedIps, events, outbox, devices, reachScripts, freezeMessages, freezeRequests, missingReports, oauthSigningKeys, tokenExchanges, revokedAccessTokens, signInFailures, seenRequests, seenRequestCounts, idempotencyKeys, schedulerLeases } = pgTables;
