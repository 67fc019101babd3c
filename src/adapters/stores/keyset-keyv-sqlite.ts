import { KeyvSqlite } from "@keyv/sqlite";

/**
 * KeyvSqlite listing a namespace in key order, a page after the last key seen (keyset pages on the
 * primary key's index), instead of the stock `LIKE … LIMIT … OFFSET`, which scans the table from its
 * first row for every page: listing 100k records took time quadratic in the table's size
 * (docs/decisions.md §Score performance).
 */
export class KeysetKeyvSqlite extends KeyvSqlite {
  override async *iterator(namespace?: string): AsyncGenerator<string[], void, unknown> {
    const limit = Number(this.opts.iterationLimit) || 10;
    const table = this.opts.table ?? "keyv";
    // Keys of the namespace lie between "namespace:" and "namespace;" (";" follows ":").
    const bounded = namespace !== undefined && namespace !== "";
    let after = bounded ? `${namespace}:` : "";
    const before = bounded ? `${namespace};` : null;
    for (;;) {
      const rows = (await (before === null
        ? this.query(`SELECT key, value FROM ${table} WHERE key > ? ORDER BY key LIMIT ?`, [after, limit])
        : this.query(`SELECT key, value FROM ${table} WHERE key > ? AND key < ? ORDER BY key LIMIT ?`, [
            after,
            before,
            limit,
          ]))) as { key: string; value: string }[];
      for (const row of rows) yield [row.key, row.value];
      const last = rows.at(-1);
      if (last === undefined || rows.length < limit) return;
      after = last.key;
    }
  }
}
