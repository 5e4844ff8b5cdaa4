/**
 * Which permissions each API resource needs: the one list both the server's resource table
 * (lib/api/resources.ts, which takes its permissions from here) and the console's permission
 * tables (which show, next to each permission, the endpoints it opens) read. Pure data, so the
 * browser can import it without the server's handlers.
 */
import { ALL_PERMISSIONS, type Permission } from "./permissions";

export interface EndpointAccess {
  /** Every one of these is needed to call the endpoint. */
  permissions: readonly Permission[];
  /** Needed as well only for part of the request; `when` is the message key that says which part. */
  conditional?: { permissions: readonly Permission[]; when: string };
}

export const API_ENDPOINTS = {
  "GET /v3/reporting/devices": {
    permissions: ["device-reports.view", "device-fields.view"],
    conditional: { permissions: ["geolocation.view", "address-location.view"], when: "permissions.endpoints.whenGeoData" },
  },
  "GET /v3/configurations/device-groups/groups": { permissions: ["device-groups.view"] },
  "GET /v3/tracking/device-missing/missing": { permissions: ["missing-devices.view"] },
  "POST /v3/tracking/device-missing/missing": { permissions: ["missing-devices.manage"] },
  "GET /v3/actions/reach/scripts": { permissions: ["reach-scripts.run"] },
  "GET /v3/actions/freeze/messages": { permissions: ["freeze-device.view"] },
  "POST /v3/actions/requests/freeze": { permissions: ["freeze-device.perform"] },
} as const satisfies Record<string, EndpointAccess>;

export type ApiEndpointKey = keyof typeof API_ENDPOINTS;

/** One endpoint a permission opens, and what else the call needs. */
export interface OpenedEndpoint {
  method: string;
  path: string;
  /** The other permissions the call needs besides this one. */
  alsoNeeds: Permission[];
  /** The message key of the part of the request this permission is needed for; absent when needed for every call. */
  when?: string;
}

function split(key: string): { method: string; path: string } {
  const [method, path] = key.split(" ");
  return { method, path };
}

/** Each permission with the endpoints it opens, in catalogue order; a console-only permission has none. */
export const ENDPOINTS_BY_PERMISSION: ReadonlyMap<Permission, readonly OpenedEndpoint[]> = new Map(
  ALL_PERMISSIONS.map((p) => {
    const opened: OpenedEndpoint[] = [];
    for (const [key, access] of Object.entries(API_ENDPOINTS) as [ApiEndpointKey, EndpointAccess][]) {
      if (access.permissions.includes(p)) {
        opened.push({ ...split(key), alsoNeeds: access.permissions.filter((x) => x !== p) });
      } else if (access.conditional?.permissions.includes(p)) {
        opened.push({ ...split(key), alsoNeeds: [...access.permissions, ...access.conditional.permissions.filter((x) => x !== p)], when: access.conditional.when });
      }
    }
    return [p, opened];
  }),
);
