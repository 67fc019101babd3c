import { hubspot } from "@hubspot/ui-extensions";
import { fetchRecordScores } from "./fetch-record-scores";
import { RecordScoresCard } from "./record-scores-card";

// The card's entry point (record-scores-hsmeta.json `entrypoint`): HubSpot calls it with the record's context.
hubspot.extend<"crm.record.tab">(({ context }) => (
  <RecordScoresCard load={() => fetchRecordScores(context.crm.objectTypeId, String(context.crm.objectId))} />
));
