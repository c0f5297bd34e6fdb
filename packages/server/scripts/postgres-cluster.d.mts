export declare const startCluster: () => Promise<{ url: string; stop(): void }>;
