export function scratchDir(): string;
export function isScratchDir(dir: string): boolean;
export function prepareScratchDir(dir: string): void;
