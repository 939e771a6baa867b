export declare function entryId(file: string): string;
export declare function normalize(namespaces: string[]): string[];
export declare function scanClientMessages(dir?: string): { entries: Record<string, string[]>; problems: string[] };
export declare function writeClientMessages(dir?: string): Record<string, string[]>;
