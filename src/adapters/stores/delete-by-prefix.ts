import type { Keyv } from "keyv";

/** Deletes every entry of a keyv namespace whose key starts with `prefix` (erasing a portal). */
export async function deleteByPrefix(keyv: Keyv<unknown>, prefix: string): Promise<number> {
  if (keyv.iterator === undefined) throw new Error("this keyv store cannot list its entries");
  const keys: string[] = [];
  for await (const [key] of keyv.iterator(undefined)) {
    if (typeof key === "string" && key.startsWith(prefix)) keys.push(key);
  }
  if (keys.length > 0) await keyv.deleteMany(keys);
  return keys.length;
}
