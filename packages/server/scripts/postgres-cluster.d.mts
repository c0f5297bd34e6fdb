export interface ClusterServer {
  start(): void;
  /** Stops the server (`fast`: connections are ended). */
  stop(): void;
  restart(): void;
  /** SIGSTOPs the postmaster and every process it started. */
  freeze(): void;
  thaw(): void;
}

export declare const startCluster: () => Promise<{ url: string; server: ClusterServer; stop(): void }>;
