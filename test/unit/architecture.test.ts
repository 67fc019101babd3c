import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// docs/architecture.md §Layers and docs/architecture.md §Imports allowed: what each layer of src/ may import, as data.
// A layer is a folder of src/ or a file at its root ("errors.ts"). An entry of a rule is a layer, a
// file of src/ ("hubspot/sign-webhook-v3.ts") or a package ("node:crypto", "@keyv/redis").
// `runtime` holds what a layer may import at run time; `types` adds what it may import with
// `import type` only, which TypeScript erases. `import { type X } from` is not erased under
// verbatimModuleSyntax (it stays a side-effect import), so it counts as run time.

type Rule = { runtime: readonly string[]; types?: readonly string[] };

const KEYV_AND_DATABASES = ["keyv", "@keyv/sqlite", "@keyv/redis", "@keyv/postgres", "pg", "better-sqlite3"];

const rules: Readonly<Record<string, Rule>> = {
  // The engine is pure: no I/O, no clock (see the clock test below), no other layer.
  scoring: { runtime: ["zod"] },
  // Suggested scores: pure like the engine, whose definitions they emit and whose results they rank by;
  // ml-matrix solves the model (docs/decisions.md §Model of suggested scores).
  suggest: { runtime: ["scoring", "zod", "ml-matrix"] },
  // HubSpot's protocol as computation: signatures hash, nothing else leaves the process.
  hubspot: { runtime: ["zod", "node:crypto", "errors.ts"] },
  // Interfaces only: a port names the types it speaks in and imports no code.
  ports: { runtime: [], types: ["scoring", "suggest", "hubspot"] },
  // Use cases reach the world through ports only: no adapter, no HTTP, CLI or sandbox, no
  // infrastructure package. pino's Logger is the logging interface they are handed (never created
  // here), so its type is allowed; node:crypto gives job ids.
  app: {
    runtime: ["scoring", "suggest", "hubspot", "ports", "errors.ts", "serialize-by-key.ts", "node:crypto"],
    types: ["pino"],
  },
  // The ports' implementations and their libraries; only hubspot-client runs the SDK (test below).
  adapters: {
    runtime: [
      "ports",
      // HubSpot's protocol as pure computation (the paging-cursor guard the door shares with use cases).
      "hubspot",
      "errors.ts",
      "serialize-by-key.ts",
      ...KEYV_AND_DATABASES,
      "ioredis",
      "bullmq",
      "p-queue",
      "node-cron",
      "@hubspot/api-client",
      "zod",
      "node:crypto",
      "node:fs",
      "node:path",
      "node:module",
      "node:worker_threads",
      // hubspot-client's keep-alive agent, whose requests a call's deadline can destroy (abortable-agent.ts).
      "node:http",
      "node:https",
    ],
    types: ["scoring", "config.ts", "pino"],
  },
  // Edges over HTTP: they call use cases and render views; adapters reach them only through
  // composition (compose/), so a route never opens a store or a client itself.
  http: {
    runtime: [
      "app",
      "scoring",
      "suggest",
      "hubspot",
      "admin",
      "errors.ts",
      "express",
      "zod",
      "@asteasolutions/zod-to-openapi",
      "node:crypto",
    ],
    types: ["ports", "pino", "node:http"],
  },
  // The admin page's views: pure render functions sharing the HTTP views' HTML escaping. Its browser
  // scripts' JSDoc types (assets/types.d.ts) name the API's answers with the engine's and ports' types.
  admin: { runtime: ["http/views/escape-html.ts", "node:fs", "node:url"], types: ["ports", "scoring"] },
  // The lead-score command: the engine and use cases; `export` opens the stores and the door itself
  // (cli/open-export-context.ts), `sandbox start` runs the sandbox. Never the HTTP edges.
  cli: {
    runtime: [
      "scoring",
      "suggest",
      "hubspot",
      "app",
      "adapters",
      "compose",
      "sandbox",
      // What a running `npm start` recorded (cli/find-npm-start.ts).
      "sandbox-mode/npm-start-file.ts",
      "config.ts",
      "logger.ts",
      "version.ts",
      "commander",
      "cli-progress",
      "node:events",
      "node:fs",
      "node:path",
    ],
    types: ["ports", "node:stream"],
  },
  // A world of its own that talks to the app over HTTP only. HubSpot signs webhooks, so the sandbox
  // signs them with the same pure function (docs/decisions.md §Sandbox portal); the SDK's models
  // type its answers.
  sandbox: {
    runtime: [
      "hubspot/sign-webhook-v3.ts",
      "express",
      "better-sqlite3",
      "zod",
      "node:crypto",
      "node:fs",
      "node:path",
    ],
    types: ["@hubspot/api-client", "node:net"],
  },
  // Composition roots wire every layer but the other entry points (CLI, sandbox mode, main.ts).
  compose: {
    runtime: [
      "scoring",
      "hubspot",
      "app",
      "ports",
      "adapters",
      "http",
      "start-up/startup-error.ts",
      "config.ts",
      "errors.ts",
      "node:crypto",
      "node:fs",
      "node:path",
    ],
    types: ["pino", "express"],
  },
  // Sandbox mode composes the app and the sandbox in one process.
  "sandbox-mode": {
    runtime: [
      "app",
      "adapters",
      "compose",
      "http",
      "sandbox",
      "start-up",
      "config.ts",
      "zod",
      "node:crypto",
      "node:fs",
      "node:http",
      "node:path",
      "node:url",
    ],
    types: ["pino", "node:net"],
  },
  // What main.ts runs before the app exists: the port, DATA_DIR and the one-line failure.
  "start-up": { runtime: ["node:fs", "node:path"], types: ["node:http", "node:net"] },
  "main.ts": {
    runtime: [
      "compose",
      "sandbox-mode",
      "start-up",
      "http/starting-gate.ts",
      "config.ts",
      "logger.ts",
      "version.ts",
      "node:http",
    ],
    types: ["node:net", "pino"],
  },
  "config.ts": { runtime: ["zod"] },
  "errors.ts": { runtime: [] },
  "logger.ts": { runtime: ["pino"] },
  "version.ts": { runtime: ["node:fs"] },
  "serialize-by-key.ts": { runtime: [] },
};

const src = resolve(new URL("../../src/", import.meta.url).pathname);
const sourceFiles = readdirSync(src, { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && e.name.endsWith(".ts"))
  .map((e) => relative(src, join(e.parentPath, e.name)));

/** The layer of a path relative to src/: its first folder, or the file itself at the root. */
const layerOf = (path: string) => path.split("/")[0] as string;

type Import = { from: string; typeOnly: boolean };

/** Every module `text` imports: static, re-exported, dynamic, and `import("x").T` in types. */
function importsOf(path: string, text: string): Import[] {
  const found: Import[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ from: node.arguments[0].text, typeOnly: false });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push({ from: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest);
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      found.push({
        from: statement.moduleSpecifier.text,
        typeOnly: statement.importClause?.isTypeOnly ?? false,
      });
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      found.push({ from: statement.moduleSpecifier.text, typeOnly: statement.isTypeOnly });
    }
  }
  // Walking every node is the slow part: only files that write `import(` need it.
  if (/\bimport\s*\(/.test(text)) visit(file);
  return found;
}

/** What an import names: a file of src/ (relative, with .ts) or a package (without its subpath). */
function targetOf(path: string, from: string): { file: string } | { pkg: string } {
  if (from.startsWith("."))
    return { file: relative(src, resolve(src, dirname(path), from)).replace(/\.js$/, ".ts") };
  const parts = from.split("/");
  return { pkg: from.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string) };
}

const allows = (entries: readonly string[], target: { file: string } | { pkg: string }) =>
  "pkg" in target
    ? entries.includes(target.pkg)
    : entries.includes(target.file) || entries.includes(layerOf(target.file));

/** One line per import the rules forbid: the file, what it imports, and how (run time or type). */
function violationsOf(path: string, imports: readonly Import[]): string[] {
  const layer = layerOf(path);
  const rule = rules[layer];
  if (!rule) return [`src/${path}: layer "${layer}" has no rule in test/unit/architecture.test.ts`];
  return imports.flatMap(({ from, typeOnly }) => {
    const target = targetOf(path, from);
    if ("file" in target && layerOf(target.file) === layer) return [];
    if (allows(rule.runtime, target) || (typeOnly && allows(rule.types ?? [], target))) return [];
    return [
      `src/${path} imports "${from}"${typeOnly ? " (type only)" : " at run time"}: not allowed in ${layer}`,
    ];
  });
}

// Parsed once, while the file is collected: every test below reads the same imports.
const importsByFile = new Map(
  sourceFiles.map((path) => [path, importsOf(path, readFileSync(join(src, path), "utf8"))] as const),
);
const violationsIn = (path: string, text: string) => violationsOf(path, importsOf(path, text));

describe("architecture", () => {
  it("every file of src/ imports only what its layer's rule allows", () => {
    const offending = [...importsByFile].flatMap(([path, imports]) => violationsOf(path, imports));
    expect(offending).toEqual([]);
  });

  it("names the file and the import a rule forbids, however it is written", () => {
    const text = [
      'import PQueue from "p-queue";',
      'import { createTokenCipher } from "../adapters/crypto/token-cipher.js";',
      'import type { Express } from "express";',
      'import { type Logger } from "pino";',
      'export { createHttpApp } from "../http/create-http-app.js";',
      'const cli = await import("../cli/main.js");',
      'type Sandbox = import("../sandbox/main.js").Sandbox;',
      'import type { Clock } from "../ports/clock.js";',
      'import { scoreRecord } from "../scoring/index.js";',
    ].join("\n");
    expect(violationsIn("app/example.ts", text)).toEqual([
      'src/app/example.ts imports "p-queue" at run time: not allowed in app',
      'src/app/example.ts imports "../adapters/crypto/token-cipher.js" at run time: not allowed in app',
      'src/app/example.ts imports "express" (type only): not allowed in app',
      'src/app/example.ts imports "pino" at run time: not allowed in app',
      'src/app/example.ts imports "../http/create-http-app.js" at run time: not allowed in app',
      'src/app/example.ts imports "../cli/main.js" at run time: not allowed in app',
      'src/app/example.ts imports "../sandbox/main.js" (type only): not allowed in app',
    ]);
    expect(violationsIn("ports/example.ts", 'import { x } from "../scoring/index.js";')).toEqual([
      'src/ports/example.ts imports "../scoring/index.js" at run time: not allowed in ports',
    ]);
    expect(violationsIn("newlayer/example.ts", "")).toEqual([
      'src/newlayer/example.ts: layer "newlayer" has no rule in test/unit/architecture.test.ts',
    ]);
  });

  it("every rule is for a layer that exists, so none is left behind by a move", () => {
    const layers = new Set(sourceFiles.map(layerOf));
    expect(Object.keys(rules).filter((layer) => !layers.has(layer))).toEqual([]);
  });

  it("src/scoring and src/suggest read no clock and no environment", () => {
    const offending = sourceFiles
      .filter((path) => layerOf(path) === "scoring" || layerOf(path) === "suggest")
      .filter((path) =>
        /Date\.now\(|new Date\(\)|process\.|performance\.now/.test(readFileSync(join(src, path), "utf8")),
      );
    expect(offending).toEqual([]);
  });

  it("only src/adapters/hubspot-client imports @hubspot/api-client at run time", () => {
    const offending = [...importsByFile]
      .filter(([path]) => !path.startsWith("adapters/hubspot-client/"))
      .filter(([, imports]) => imports.some((i) => !i.typeOnly && i.from.startsWith("@hubspot/api-client")))
      .map(([path]) => path);
    expect(offending).toEqual([]);
  });
});
