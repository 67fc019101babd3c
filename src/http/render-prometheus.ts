// The Prometheus text exposition format, version 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/). Pure.

export type MetricFamily = {
  name: string;
  help: string;
  type: "counter" | "gauge" | "summary";
  samples: { labels?: Record<string, string>; value: number; suffix?: string }[];
};

const escapeLabel = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const escapeHelp = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
const formatValue = (v: number) =>
  Number.isNaN(v) ? "NaN" : Number.isFinite(v) ? String(v) : v > 0 ? "+Inf" : "-Inf";

export function renderPrometheus(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      const labels = Object.entries(s.labels ?? {});
      const rendered =
        labels.length === 0 ? "" : `{${labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}`;
      lines.push(`${f.name}${s.suffix ?? ""}${rendered} ${formatValue(s.value)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
