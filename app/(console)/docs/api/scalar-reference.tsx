"use client";

import { useMemo } from "react";
import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";

/**
 * Scalar, set to work offline and stay quiet: no web fonts from its CDN, no telemetry, no
 * links to its hosted client, and the document handed in rather than fetched again.
 */
export default function ScalarReference({ document }: { document: Record<string, unknown> }) {
  const configuration = useMemo(
    () => ({
      content: document,
      withDefaultFonts: false,
      telemetry: false,
      hideClientButton: true,
      showDeveloperTools: "never" as const,
      hideDarkModeToggle: true,
      documentDownloadType: "json" as const,
    }),
    [document],
  );
  return <ApiReferenceReact configuration={configuration} />;
}
