export interface Count {
  passed: number;
  failed: number;
  skipped: number;
  problems: string[];
}
export interface Run {
  name: string;
  file: string;
  count: (report: never) => Count;
  exitCode?: number;
}
export function readReport(file: string): { report?: unknown; problem?: string };
export function countVitest(report: object): Count;
export function countPlaywright(report: object): Count;
export function summarise(runs: Run[], checksFailed?: number): Count;
export function formatLine(count: Pick<Count, "passed" | "failed" | "skipped">): string;
