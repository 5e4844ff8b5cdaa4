import { msg } from "./message";

/**
 * Each dotted event action with the key of its name in messages/*.json (eventActions.*), shown
 * in Event history and offered as a filter in the viewer's language. recordEvent takes only
 * these, and event-actions.test.ts checks each one is recorded somewhere, so the filter offers
 * exactly the actions Keyward records.
 */
export const EVENT_ACTIONS = {
  "token.created": "eventActions.tokenCreated",
  "token.updated": "eventActions.tokenUpdated",
  "token.revoked": "eventActions.tokenRevoked",
  "token.expired": "eventActions.tokenExpired",
  "token.deleted": "eventActions.tokenDeleted",
  "token.rotated": "eventActions.tokenRotated",
  "token.overlap_ended": "eventActions.tokenOverlapEnded",
  "token.secret_revealed": "eventActions.tokenSecretRevealed",
  "user.signed_in": "eventActions.userSignedIn",
  "user.sign_in_failed": "eventActions.userSignInFailed",
  "user.created": "eventActions.userCreated",
  "user.updated": "eventActions.userUpdated",
  "user.suspended": "eventActions.userSuspended",
  "user.reactivated": "eventActions.userReactivated",
  "user.deleted": "eventActions.userDeleted",
  "role.created": "eventActions.roleCreated",
  "role.updated": "eventActions.roleUpdated",
  "role.deleted": "eventActions.roleDeleted",
  "api.auth_failed": "eventActions.apiAuthFailed",
  "campaign.started": "eventActions.campaignStarted",
  "campaign.cancelled": "eventActions.campaignCancelled",
  "campaign.forced": "eventActions.campaignForced",
  "campaign.completed": "eventActions.campaignCompleted",
} as const;

export type EventAction = keyof typeof EVENT_ACTIONS;

export function isEventAction(value: string): value is EventAction {
  return Object.hasOwn(EVENT_ACTIONS, value);
}

/** The encoded name of "token.created" (translateMessage shows "API token created"); an unknown action stays as recorded. */
export function eventActionLabel(action: string): string {
  return isEventAction(action) ? msg(EVENT_ACTIONS[action]) : action;
}
