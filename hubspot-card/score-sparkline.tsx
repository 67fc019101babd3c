import { LineChart } from "@hubspot/ui-extensions";
import type { CardScore } from "./card-answer";

/** The last 90 days of the value, with each threshold's start drawn as a flat line across them. */
export function ScoreSparkline({ score }: { score: CardScore }) {
  const points = score.points.filter((p): p is { atMs: number; value: number } => p.value !== null);
  if (points.length === 0) return null;
  const first = points[0]?.atMs ?? 0;
  const last = Math.max(points.at(-1)?.atMs ?? first, score.updatedAtMs ?? first);
  const rows = [
    ...points.map((p) => ({ day: p.atMs, value: p.value, line: "score" })),
    ...score.bands.flatMap((band) => [
      { day: first, value: band.from, line: band.label },
      { day: last, value: band.from, line: band.label },
    ]),
  ];
  return (
    <LineChart
      testId={`sparkline-${score.id}`}
      data={rows}
      axes={{
        x: { field: "day", fieldType: "datetime", label: "Day" },
        y: { field: "value", fieldType: "linear", label: score.name },
        options: { groupFieldByColor: "line" },
      }}
      options={{ showLegend: score.bands.length > 0, showTooltips: true }}
    />
  );
}
