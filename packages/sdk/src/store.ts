/**
 * Heard's small key-value store. Every key is namespaced (`heard:v1:`), so the host page's
 * storage is never read or touched beyond it. Writes go to localStorage when the user allows
 * it and fall back to memory, key by key, wherever storage throws: private mode, a full
 * quota, a sandboxed iframe, or storage disabled.
 */

const PREFIX = 'heard:v1:';

export type StorageOption = Storage | 'local' | 'memory';

const resolveBackend = (option: StorageOption): Storage | null => {
  if (option === 'memory') return null;
  if (option !== 'local') return option;
  try {
    // Reading the property itself throws in sandboxed iframes and with storage blocked.
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
};

export class Store {
  private readonly memory = new Map<string, string>();
  private readonly backend: Storage | null;
  private persistent: boolean;

  constructor(option: StorageOption, persistent: boolean) {
    this.backend = resolveBackend(option);
    this.persistent = persistent;
  }

  /** Whether values outlive the page: storage works and the user allowed it. */
  get durable(): boolean {
    return this.persistent && this.backend !== null;
  }

  get(key: string): string | null {
    const local = this.memory.get(key);
    if (local !== undefined) return local;
    if (!this.persistent) return null;
    try {
      return this.backend?.getItem(PREFIX + key) ?? null;
    } catch {
      return null;
    }
  }

  set(key: string, value: string): void {
    if (this.persistent && this.backend) {
      try {
        this.backend.setItem(PREFIX + key, value);
        this.memory.delete(key);
        return;
      } catch {
        // Quota or security error: keep it for this page at least.
      }
    }
    this.memory.set(key, value);
  }

  remove(key: string): void {
    this.memory.delete(key);
    if (!this.persistent) return;
    try {
      this.backend?.removeItem(PREFIX + key);
    } catch {
      // Nothing was stored there, then.
    }
  }

  /** Keys under a prefix, from memory and storage. */
  keys(prefix: string): string[] {
    const found = new Set([...this.memory.keys()].filter((key) => key.startsWith(prefix)));
    if (this.persistent && this.backend) {
      try {
        for (let i = 0; i < this.backend.length; i++) {
          const key = this.backend.key(i);
          if (key?.startsWith(PREFIX + prefix)) found.add(key.slice(PREFIX.length));
        }
      } catch {
        // Storage went away: memory is all there is.
      }
    }
    return [...found];
  }

  /** Start persisting: what was kept in memory moves to storage. */
  persist(): void {
    if (this.persistent) return;
    this.persistent = true;
    for (const [key, value] of [...this.memory]) this.set(key, value);
  }

  /** Stop persisting and erase everything Heard stored; the page keeps working from memory. */
  forget(): void {
    for (const key of this.keys('')) {
      const value = this.get(key);
      this.remove(key);
      if (value !== null) this.memory.set(key, value);
    }
    this.persistent = false;
  }
}
