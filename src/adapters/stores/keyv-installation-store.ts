import type { Keyv } from "keyv";
import { AppError } from "../../errors.js";
import type { Installation, InstallationStore } from "../../ports/installation-store.js";

/** InstallationStore on keyv: one entry per portal, keyed by its id. Tokens arrive already sealed. */
export function createKeyvInstallationStore(keyv: Keyv<Installation>): InstallationStore {
  const key = (portalId: number) => String(portalId);
  return {
    async get(portalId) {
      return keyv.get(key(portalId));
    },
    async save(installation) {
      await keyv.set(key(installation.portalId), installation);
    },
    async list() {
      if (keyv.iterator === undefined) throw new Error("this keyv store cannot list its entries");
      const all: Installation[] = [];
      for await (const [, value] of keyv.iterator(undefined)) {
        if (value !== undefined) all.push(value as Installation);
      }
      return all.sort((a, b) => a.portalId - b.portalId);
    },
    async delete(portalId) {
      return keyv.delete(key(portalId));
    },
    async markDisconnected(portalId, atMs, reason) {
      const current = await keyv.get(key(portalId));
      if (current === undefined) throw new AppError("not_found", `portal ${portalId} has no installation`);
      await keyv.set(key(portalId), {
        ...current,
        status: "disconnected",
        disconnectedAtMs: atMs,
        disconnectReason: reason,
      });
    },
  };
}
