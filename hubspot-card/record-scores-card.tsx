import { EmptyState, ErrorState, Flex, Link, LoadingSpinner, Text } from "@hubspot/ui-extensions";
import { useEffect, useState } from "react";
import type { CardAnswer } from "./card-answer";
import { ScoreSection } from "./score-section";

type State =
  | { kind: "loading" }
  | { kind: "failed"; message: string }
  | { kind: "loaded"; answer: CardAnswer };

/** The record card: each enabled score of the record, or why there is nothing to show. */
export function RecordScoresCard({ load }: { load: () => Promise<CardAnswer> }) {
  const [state, setState] = useState<State>({ kind: "loading" });
  useEffect(() => {
    let current = true;
    load().then(
      (answer) => current && setState({ kind: "loaded", answer }),
      (error: unknown) =>
        current &&
        setState({ kind: "failed", message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [load]);

  if (state.kind === "loading") return <LoadingSpinner label="Loading lead scores" />;
  if (state.kind === "failed")
    return (
      <ErrorState title="Lead scores could not be loaded">
        <Text>{state.message}</Text>
      </ErrorState>
    );
  const { answer } = state;
  const scored = answer.scores.filter((score) => score.value !== null);
  return (
    <Flex direction="column" gap="medium">
      {scored.length === 0 ? (
        <EmptyState title="No lead score yet" layout="vertical">
          <Text>
            {answer.scores.length === 0
              ? "No score is enabled for this kind of record."
              : "This record has no score value yet: it is out of every score's scope or not scored yet."}
          </Text>
        </EmptyState>
      ) : (
        scored.map((score) => <ScoreSection key={score.id} score={score} />)
      )}
      <Link href={answer.adminUrl}>Open lead-score</Link>
    </Flex>
  );
}
