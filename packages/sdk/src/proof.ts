/**
 * Solves a collector's proof-of-work challenge with Web Crypto: the nonce whose SHA-256 of
 * `<challenge>.<nonce>` starts with `difficulty` zero bits. It runs while a person types, in
 * awaited steps, so the page stays responsive. Web Crypto exists only in secure contexts
 * (HTTPS, localhost): elsewhere there is no proof, and a collector that asks for one refuses.
 */
const zeroBits = (digest: Uint8Array): number => {
  let bits = 0;
  for (const byte of digest) {
    if (byte) return bits + Math.clz32(byte) - 24;
    bits += 8;
  }
  return bits;
};

export const solveProof = async (challenge: string, difficulty: number, signal?: AbortSignal): Promise<string> => {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('Web Crypto is not available here (not a secure context)');
  const encoder = new TextEncoder();
  for (let nonce = 0; ; nonce++) {
    signal?.throwIfAborted();
    const proof = `${challenge}.${nonce}`;
    if (zeroBits(new Uint8Array(await subtle.digest('SHA-256', encoder.encode(proof)))) >= difficulty) return proof;
  }
};
