"use client";

// First: Scalar parses with zod as it loads (lib/zod-jitless.ts says why).
import "@/lib/zod-jitless";
import { useMemo } from "react";
import { ApiReferenceReact } from "@scalar/api-reference-react";
import "@scalar/api-reference-react/style.css";

/**
 * Fixes for the axe scan, through Scalar's own customCss option: darker theme colours (its
 * greys and method colours are below 4.5:1), no "copy link" buttons nested inside the section
 * buttons, no unnamed "more clients" button in the client tab list, and the code blocks' "Copy"
 * label kept for screen readers when it is not shown.
 */
const CUSTOM_CSS = `
.light-mode {
  --scalar-color-2: #595959;
  --scalar-color-3: #636363;
  --scalar-color-green: #00704a;
  --scalar-color-red: #c00005;
  --scalar-color-yellow: #7a5e00;
  --scalar-color-blue: #00629e;
  --scalar-color-orange: #a83a00;
  --scalar-color-accent: #0060b8;
}
.scalar-app .section-accordion-button button,
.scalar-app .client-libraries-list .client-libraries__select {
  display: none;
}
.scalar-app .scalar-code-block:not(:hover):not(:focus-within) .scalar-code-copy span.hidden {
  display: inline;
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}
`;

/** Code samples in curl, Node.js and Python only: the rest would need the unnamed "more" button. */
const HIDDEN_CLIENTS = ["c", "r", "go", "rust", "http", "clojure", "csharp", "dart", "fsharp", "java", "kotlin", "objc", "ocaml", "php", "powershell", "ruby", "swift", "js"];

/**
 * Scalar, set to work offline and stay quiet: no web fonts from its CDN, no telemetry, no AI
 * agent or links to its hosted services, and the document handed in rather than fetched again.
 * The classic layout: the modern one's sidebar fails the axe scan (aria-selected on buttons).
 */
export default function ScalarReference({ document }: { document: Record<string, unknown> }) {
  const configuration = useMemo(
    () => ({
      content: document,
      layout: "classic" as const,
      withDefaultFonts: false,
      telemetry: false,
      agent: { disabled: true },
      hideClientButton: true,
      showDeveloperTools: "never" as const,
      hideDarkModeToggle: true,
      forceDarkModeState: "light" as const,
      // Its search button has no accessible name; the browser's find works on the open sections.
      hideSearch: true,
      hiddenClients: HIDDEN_CLIENTS,
      documentDownloadType: "json" as const,
      customCss: CUSTOM_CSS,
    }),
    [document],
  );
  return <ApiReferenceReact configuration={configuration} />;
}
