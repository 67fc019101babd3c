import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// The repository explains itself (docs/decisions.md, first paragraph): comments cite docs/ sections by
// heading, the README links only files a clone has, and nothing points at an issue tracker a clone
// does not have. These checks keep that true as code and docs change.

const root = new URL("../../", import.meta.url).pathname;
const TEXT_FILE = /\.(ts|js|mjs|cjs|json|md|css|html|sh)$/;

const filesUnder = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && (TEXT_FILE.test(e.name) || dir === ".ci"))
    .map((e) => join(e.parentPath, e.name));
const read = (file: string) => readFileSync(file, "utf8");
/** Files the project was written from that live outside the repository, so a clone cannot open them. */
const OUTSIDE_FILES = /\b(HUBSPOT|STYLE|SCORING)\.md\b/;

/** A citation may wrap onto the next comment line: join such lines so it reads as written. */
function joinCommentLines(text: string): string {
  return text.replace(/\s*\n\s*(?:\/\/|\*(?!\/)|#)?\s*/g, " ");
}

/** Heading texts of a Markdown file, without the #s and code spans' backticks. */
function headingsOf(markdown: string): string[] {
  return [...markdown.matchAll(/^#{1,6} +(.+?) *#*$/gm)].map((m) => (m[1] as string).replaceAll("`", ""));
}

/**
 * The heading `cited` (the text after §, up to the end of the comment) starts with, if any: the longest
 * heading it starts with, case-insensitive, followed by something other than a letter or digit.
 */
function citedHeading(cited: string, headings: readonly string[]): string | null {
  const lower = cited.toLowerCase();
  const matches = headings.filter(
    (h) => lower.startsWith(h.toLowerCase()) && !/^[\p{L}\p{N}]/u.test(cited.slice(h.length)),
  );
  return matches.sort((a, b) => b.length - a.length)[0] ?? null;
}

type Citation = { file: string; doc: string; section: string; heading: string | null };

/** Every `docs/NAME.md §Section` in `text`, and `§Other` sections chained after it with a comma. */
function citationsIn(file: string, text: string, docs: ReadonlyMap<string, string[]>): Citation[] {
  const found: Citation[] = [];
  for (const m of joinCommentLines(text).matchAll(/docs\/([\w-]+\.md) §/g)) {
    const doc = m[1] as string;
    const headings = docs.get(doc) ?? [];
    let rest = m.input.slice((m.index ?? 0) + m[0].length);
    for (;;) {
      const heading = citedHeading(rest, headings);
      found.push({ file, doc, section: rest.slice(0, 40), heading });
      const next = heading === null ? null : /^, §/.exec(rest.slice(heading.length));
      if (heading === null || next === null) break;
      rest = rest.slice(heading.length + next[0].length);
    }
  }
  return found;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replaceAll(" ", "-");
}

const docNames = readdirSync(join(root, "docs")).filter((name) => name.endsWith(".md"));
const docHeadings = new Map(docNames.map((name) => [name, headingsOf(read(join(root, "docs", name)))]));

/** Relative links of a Markdown file: [text](target), target without a scheme. */
function localLinks(file: string): { target: string; anchor: string | null }[] {
  return [...read(file).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1] as string)
    .filter((target) => !/^[a-z]+:/i.test(target))
    .map((target) => {
      const [path, anchor] = target.split("#") as [string, string | undefined];
      return {
        target: path === "" ? relative(root, file) : join(relative(root, dirname(file)), path),
        anchor: anchor ?? null,
      };
    });
}

describe("the matcher", () => {
  const headings = ["Decay", "Decay cron", "Webhook inbox"];

  it("takes the longest heading the citation starts with, ignoring case", () => {
    expect(citedHeading("decay cron): records", headings)).toBe("Decay cron");
    expect(citedHeading("Decay, stepwise", headings)).toBe("Decay");
  });

  it("refuses a heading that only begins a longer word", () => {
    expect(citedHeading("Webhook inboxes", headings)).toBeNull();
    expect(citedHeading("Sandbox clock", headings)).toBeNull();
  });

  it("reads a citation wrapped onto the next comment line, and sections chained with a comma", () => {
    const text = "// see docs/x.md §Webhook\n// inbox and docs/x.md §Decay, §Decay cron.";
    const cited = citationsIn("f.ts", text, new Map([["x.md", headings]]));
    expect(cited.map((c) => c.heading)).toEqual(["Webhook inbox", "Decay", "Decay cron"]);
  });

  it("makes GitHub's anchors", () => {
    expect(anchorOf("Every file under DATA_DIR")).toBe("every-file-under-data_dir");
    expect(anchorOf("Example 1: a contact lead score with decay")).toBe(
      "example-1-a-contact-lead-score-with-decay",
    );
  });
});

describe("documentation", () => {
  const sources = [
    ...filesUnder("src"),
    ...filesUnder("test"),
    ...filesUnder("bench"),
    join(root, "README.md"),
  ];
  // This file's own examples cite a made-up docs/x.md.
  const thisFile = new URL(import.meta.url).pathname;
  const citations = sources
    .filter((file) => file !== thisFile)
    .flatMap((file) => citationsIn(relative(root, file), read(file), docHeadings));

  it("is cited from the code at all (the checks below are not vacuous)", () => {
    expect(citations.length).toBeGreaterThan(100);
  });

  it("has every docs/ file and section that src/, test/, bench/ and README.md cite", () => {
    const broken = citations
      .filter((c) => !docHeadings.has(c.doc) || c.heading === null)
      .map((c) => `${c.file}: docs/${c.doc} §${c.section}`);
    expect(broken).toEqual([]);
  });

  it("links from README.md and docs/ only to files in the repository, and to headings that exist", () => {
    const linking = [join(root, "README.md"), ...docNames.map((name) => join(root, "docs", name))];
    const broken = linking.flatMap((file) =>
      localLinks(file)
        .filter(({ target, anchor }) => {
          const path = join(root, target);
          if (relative(root, path).startsWith("..") || !existsSync(path)) return true;
          if (anchor === null || !target.endsWith(".md")) return false;
          return !headingsOf(read(path)).some((heading) => anchorOf(heading) === anchor);
        })
        .map(({ target, anchor }) => `${relative(root, file)}: ${target}${anchor ? `#${anchor}` : ""}`),
    );
    expect(broken).toEqual([]);
  });

  it("names only source files that exist, so docs/architecture.md follows the code when it moves", () => {
    const codeFiles = new Set(
      ["src", "test", "bench"].flatMap((dir) => filesUnder(dir).map((file) => file.split("/").pop())),
    );
    const texts = [join(root, "README.md"), ...docNames.map((name) => join(root, "docs", name))].map(read);
    const named = texts.flatMap((text) =>
      [...text.matchAll(/`([\w./-]+\.(?:ts|js))`/g)].map((m) => m[1] as string),
    );
    // A path is from the repository's root, or from src/ as architecture.md writes them in prose.
    const missing = named.filter((name) =>
      name.includes("/")
        ? !existsSync(join(root, name)) && !existsSync(join(root, "src", name))
        : !codeFiles.has(name),
    );
    expect([...new Set(missing)]).toEqual([]);
  });

  it("cites no file a clone lacks: HubSpot facts are cited from docs/hubspot.md, not HUBSPOT.md", () => {
    const docFiles = docNames.map((name) => join(root, "docs", name));
    const citing = [...sources, ...docFiles]
      .filter((file) => file !== thisFile)
      .flatMap((file) =>
        read(file)
          .split("\n")
          .flatMap((line, i) =>
            OUTSIDE_FILES.test(line) ? [`${relative(root, file)}:${i + 1}: ${line.trim()}`] : [],
          ),
      );
    expect(citing).toEqual([]);
  });

  it("is never an issue number: src/, test/, bench/, .ci/, docs/ and .env.example cite docs instead", () => {
    const others = [...filesUnder(".ci"), ...filesUnder("docs"), join(root, ".env.example")];
    const citing = [...sources, ...others].filter((file) => /issue ?#?[0-9]/i.test(read(file)));
    expect(citing.map((file) => relative(root, file))).toEqual([]);
  });
});
