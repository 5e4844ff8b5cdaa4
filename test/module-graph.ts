import fs from "node:fs";
import path from "node:path";

// The console's module graph as the browser gets it, read from the sources: which project files
// and package imports a page's client components reach (test/first-load-imports.test.ts,
// test/client-messages.test.ts).
export const ROOT = path.resolve(import.meta.dirname, "..");

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  throw new Error(`${path.relative(ROOT, from)}: cannot resolve ${spec}`);
}

/**
 * What the browser loads with these server entries: the "use client" modules they render and
 * everything those import statically (named values from packages; project files). With
 * `dynamic`, also what they load later by import() (a dialog's form, say).
 */
export function staticImports(entries: string[], { dynamic = false } = {}): { files: Set<string>; packages: Map<string, Set<string>> } {
  const seen = new Set<string>();
  const files = new Set<string>();
  const packages = new Map<string, Set<string>>();
  const queue = entries.map((e) => ({ file: path.join(ROOT, e), client: false }));
  while (queue.length) {
    const { file, client: fromClient } = queue.pop()!;
    const text = fs.readFileSync(file, "utf8");
    // A server action module reaches the browser as references to its functions, nothing more.
    if (fromClient && /^["']use server["']/.test(text)) continue;
    const client = fromClient || /^["']use client["']/.test(text);
    const key = `${client}:${file}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (client) files.add(file);
    // `import type` and `import()` load nothing with the module.
    for (const [, names, spec] of text.matchAll(/^(?:import|export)\s+(?!type\b)([^;]*?)\s+from\s+"([^"]+)";/gms)) {
      const local = resolve(file, spec);
      if (local) queue.push({ file: local, client });
      else if (client) {
        const named = /\{([^}]*)\}/.exec(names)?.[1].split(",").map((n) => n.trim()).filter((n) => n && !n.startsWith("type ")) ?? [];
        const set = packages.get(spec) ?? new Set<string>();
        for (const n of named.length ? named : ["*"]) set.add(n);
        packages.set(spec, set);
      }
    }
    const sideEffects = [...text.matchAll(/^import\s+"([^"]+)";/gm)];
    const later = dynamic && client ? [...text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)] : [];
    for (const [, spec] of [...sideEffects, ...later]) {
      const local = resolve(file, spec);
      if (local && /\.tsx?$/.test(local)) queue.push({ file: local, client });
    }
  }
  return { files, packages };
}
