// Imported before zod parses anything in the browser. The console's CSP has no 'unsafe-eval', and
// zod probes `Function("")` on its first object parse to compile faster parsers: the browser
// reports that probe as a CSP violation. Jitless mode skips it; the forms' schemas are small.
import { config } from "zod/v4/core";

config({ jitless: true });
