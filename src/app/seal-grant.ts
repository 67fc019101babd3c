import type { Installation } from "../ports/installation-store.js";
import type { TokenGrant } from "../ports/oauth-client.js";
import type { TokenCipher } from "../ports/token-cipher.js";

/** Tokens are sealed for their portal: a sealed token copied onto another portal's record won't open. */
export const tokenContext = (portalId: number) => `hubspot-portal:${portalId}`;

export function sealGrant(
  cipher: TokenCipher,
  portalId: number,
  grant: TokenGrant,
  nowMs: number,
): Pick<Installation, "accessTokenSealed" | "refreshTokenSealed" | "expiresAtMs"> {
  const context = tokenContext(portalId);
  return {
    accessTokenSealed: cipher.seal(grant.accessToken, context),
    refreshTokenSealed: cipher.seal(grant.refreshToken, context),
    expiresAtMs: nowMs + grant.expiresInSec * 1000,
  };
}
