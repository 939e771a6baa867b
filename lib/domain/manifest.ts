// A delivered manifest is loaded as valid, or kept as rejected with the fields it got wrong. Pure.
export const MANIFEST_STATUSES = ["valid", "rejected"] as const;
export type ManifestStatus = (typeof MANIFEST_STATUSES)[number];
