export declare const ENTRIES: Record<"cli" | "worker", string>;
export declare function staleness(name: "cli" | "worker"): string | null;
export declare function staleBundles(): ("cli" | "worker")[];
export declare function bundle(name: "cli" | "worker"): Promise<void>;
export declare function ensureBundle(name: "cli" | "worker"): Promise<void>;
