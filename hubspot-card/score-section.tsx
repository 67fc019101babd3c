import { Divider, Flex, Heading, Statistics, StatisticsItem, Tag, Text } from "@hubspot/ui-extensions";
import type { CardScore } from "./card-answer";
import { CombinedGrid } from "./combined-grid";
import { ScoreSparkline } from "./score-sparkline";

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One score: value and threshold, parts, the points behind it, 90 days, the last reset. */
export function ScoreSection({ score }: { score: CardScore }) {
  const parts = score.type === "combined";
  return (
    <Flex direction="column" gap="small">
      <Heading>{score.name}</Heading>
      <Statistics>
        <StatisticsItem label="Score" number={String(score.value ?? "")} />
        {parts ? <StatisticsItem label="Engagement" number={String(score.engagement ?? "")} /> : null}
        {parts ? <StatisticsItem label="Fit" number={String(score.fit ?? "")} /> : null}
      </Statistics>
      {score.threshold !== null ? <Tag testId={`threshold-${score.id}`}>{score.threshold}</Tag> : null}
      {parts ? <CombinedGrid threshold={score.threshold} /> : null}
      {score.groups === null ? (
        <Text variant="microcopy">The points behind this value were not kept when it was written.</Text>
      ) : (
        score.groups.map((group) => (
          <Text key={group.name} testId={`group-${score.id}-${group.name}`}>
            {`${group.name}: ${group.value} points${group.topRules.length > 0 ? ` (${group.topRules.map((r) => `${r.describes} ${r.value}`).join(", ")})` : ""}`}
          </Text>
        ))
      )}
      <ScoreSparkline score={score} />
      <Text variant="microcopy">
        {score.lastResetAtMs === null ? "Never reset" : `Last reset ${day(score.lastResetAtMs)}`}
        {score.updatedAtMs === null ? "" : ` · updated ${day(score.updatedAtMs)}`}
      </Text>
      <Divider />
    </Flex>
  );
}
