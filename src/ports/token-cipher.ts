// How use cases keep secrets (OAuth tokens) at rest without knowing the algorithm or the key: the
// implementation is src/adapters/crypto/token-cipher.ts (AES-256-GCM, ENCRYPTION_KEY).

export type TokenCipher = {
  /** `context` is bound to the sealed value: a value sealed for one portal won't open for another. */
  seal(plaintext: string, context: string): string;
  /** Throws AppError("internal") when the value was tampered with, sealed for another context or key. */
  open(sealed: string, context: string): string;
};
