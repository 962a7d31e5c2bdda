/** Builds the app when there is no build or the sources changed since the last one. */
export function ensureBuild(): void;
