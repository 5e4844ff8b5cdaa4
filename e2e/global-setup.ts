import { isScratchDir, scratchDir } from "../scripts/e2e-scratch.mjs";

// The servers' databases and everything the tests write live in the scratch folder (E2E_TMP or
// e2e/.tmp, see playwright.config.ts). Refuses any folder scripts/e2e.mjs did not prepare, so
// `npx playwright test` with a stray E2E_TMP never writes test data next to real files.
export default function globalSetup() {
  const tmp = scratchDir();
  if (!isScratchDir(tmp)) {
    throw new Error(`Refusing to run end-to-end tests in ${tmp}: not a scratch folder prepared by scripts/e2e.mjs (run the suite with \`npm run test:e2e\`).`);
  }
}
