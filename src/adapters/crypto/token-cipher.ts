import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError } from "../../errors.js";
import type { TokenCipher } from "../../ports/token-cipher.js";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The TokenCipher port with AES-256-GCM, a fresh 96-bit IV per value (NIST SP 800-38D); the context
 * is the additional authenticated data.
 */
export function createTokenCipher(keyHex: string): TokenCipher {
  if (!/^[0-9a-fA-F]{64}$/.test(keyHex)) throw new Error("the encryption key must be 64 hex characters");
  const key = Buffer.from(keyHex, "hex");
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, "utf8"));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url"));
      return [VERSION, ...parts].join(".");
    },
    open(sealed, context) {
      const [version, iv, tag, body, extra] = sealed.split(".");
      if (
        version !== VERSION ||
        iv === undefined ||
        tag === undefined ||
        body === undefined ||
        extra !== undefined
      ) {
        throw unreadable(context);
      }
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), {
          authTagLength: TAG_BYTES,
        });
        decipher.setAAD(Buffer.from(context, "utf8"));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
          "utf8",
        );
      } catch {
        throw unreadable(context);
      }
    },
  };
}

function unreadable(context: string): AppError {
  return new AppError(
    "internal",
    `a stored secret for ${context} cannot be decrypted: ENCRYPTION_KEY changed or the data was altered; reinstall the app for that portal`,
    { context },
  );
}
