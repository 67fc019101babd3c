// The answer of GET /cards/record-scores (the app's src/app/cards/build-card-score.ts), as the card reads
// it. The card is built by HubSpot from this folder alone, so it cannot import the app's types.

export type CardRule = { index: number; describes: string; value: number };
export type CardGroup = { name: string; value: number; topRules: CardRule[] };

export type CardScore = {
  id: string;
  name: string;
  type: "engagement" | "fit" | "combined";
  property: string;
  value: number | null;
  threshold: string | null;
  engagement?: number | null;
  fit?: number | null;
  groups: CardGroup[] | null;
  bands: { label: string; from: number }[];
  points: { atMs: number; value: number | null }[];
  updatedAtMs: number | null;
  lastResetAtMs: number | null;
};

export type CardAnswer = {
  portalId: number;
  objectType: string;
  recordId: string;
  adminUrl: string;
  scores: CardScore[];
};
