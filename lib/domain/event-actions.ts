/** Plain words for each dotted event action, shown in Event history and offered as a filter. */
export const EVENT_ACTIONS = {
  "token.created": "API token created",
  "token.updated": "API token updated",
  "token.rotated": "API token rotated",
  "token.revoked": "API token revoked",
  "token.expired": "API token expired",
  "token.deleted": "API token deleted",
  "user.signed_in": "Signed in",
  "user.sign_in_failed": "Sign-in failed",
  "user.created": "User created",
  "user.updated": "User updated",
  "user.suspended": "User suspended",
  "user.reactivated": "User reactivated",
  "user.deleted": "User deleted",
  "role.created": "Role created",
  "role.updated": "Role updated",
  "role.deleted": "Role deleted",
  "api.auth_failed": "API authentication failed",
} as const;

export type EventAction = keyof typeof EVENT_ACTIONS;

export function isEventAction(value: string): value is EventAction {
  return Object.hasOwn(EVENT_ACTIONS, value);
}

/** "API token created" for "token.created"; an unknown action is shown as recorded. */
export function eventActionLabel(action: string): string {
  return isEventAction(action) ? EVENT_ACTIONS[action] : action;
}
