import { describe, expect, it } from "vitest";
import { renderPrometheus } from "../../../src/http/render-prometheus.js";

describe("renderPrometheus", () => {
  it("writes HELP, TYPE and samples with escaped labels in the text format", () => {
    const text = renderPrometheus([
      {
        name: "x_total",
        help: "Things\nseen.",
        type: "counter",
        samples: [{ labels: { reason: 'a "b"\\c' }, value: 2 }],
      },
      {
        name: "lag_seconds",
        help: "Lag.",
        type: "summary",
        samples: [
          { suffix: "_sum", value: 1.5 },
          { suffix: "_count", value: 3 },
        ],
      },
    ]);
    expect(text).toBe(
      [
        "# HELP x_total Things\\nseen.",
        "# TYPE x_total counter",
        'x_total{reason="a \\"b\\"\\\\c"} 2',
        "# HELP lag_seconds Lag.",
        "# TYPE lag_seconds summary",
        "lag_seconds_sum 1.5",
        "lag_seconds_count 3",
        "",
      ].join("\n"),
    );
  });
});
