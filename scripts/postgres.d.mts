export declare const PG_BIN: string;
export declare function ensurePostgres(): string;
export declare function startPostgres(options?: { port?: number; database?: string }): {
  url: string;
  port: number;
  stop(): void;
};
export declare function startPostgresForThisFile(): { url: string; port: number; stop(): void };
