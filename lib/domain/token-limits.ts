// Lengths the token forms show as counters; zod-free, so a form can read them without loading the schemas.
export const TITLE_MAX = 100;
export const DESCRIPTION_MAX = 500;
