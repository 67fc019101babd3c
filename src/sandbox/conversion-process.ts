import { seniorJobTitles } from "./seed-pools.js";

// The known process behind the seeds' lifecycle transitions (docs/decisions.md §Sandbox conversion
// process): a share of the seeded contacts become marketing qualified leads at a decision instant T, and
// each of them becomes a sales qualified lead within 30 days of T with probability
// logistic(intercept + Σ coefficient · signal), the signals read as the portal shows them at T: three fit
// signals (the job title as of T, the primary company's industry and size) and four engagement signals
// counted in the 30 days before T. Noise signals are planted the same way and carry no weight. Exported
// so tests (and a suggestion's checks) can compare what they find with the truth.

const DAY = 86_400_000;

/** SQL within this many days of T is a conversion (HubSpot's AI score timeframe, 30 days in the quick start). */
export const CONVERSION_WINDOW_DAYS = 30;
/** Engagement signals count the events in this many days before T. */
export const SIGNAL_WINDOW_DAYS = 30;
export const conversionWindowMs = CONVERSION_WINDOW_DAYS * DAY;
export const signalWindowMs = SIGNAL_WINDOW_DAYS * DAY;

export const FROM_STAGE = "marketingqualifiedlead";
export const TO_STAGE = "salesqualifiedlead";

/** Job titles (of the seed's pool) that count as senior: C-level, VPs, heads and directors. */
export const seniorTitles: ReadonlySet<string> = new Set(seniorJobTitles);
/** The primary company's `industry` values that convert more. */
export const targetIndustries: ReadonlySet<string> = new Set(["COMPUTER_SOFTWARE", "FINANCIAL_SERVICES"]);
/** A primary company's `numberofemployees` from which it counts as large. */
export const LARGE_COMPANY_EMPLOYEES = 200;

/** The names and values the engagement signals are read from (docs/decisions.md §Sandbox conversion process). */
export const signalSources = {
  demoForm: "Contact us – demo",
  newsletterForm: "Newsletter signup",
  pricingPage: "https://www.example.com/pricing",
  careersPage: "https://www.example.com/careers",
} as const;

export interface ConversionSignals {
  /** 1 when the contact's `jobtitle` as of T is one of `seniorTitles`. */
  seniorTitle: number;
  /** 1 when the primary company's `industry` is one of `targetIndustries`. */
  targetIndustry: number;
  /** 1 when the primary company's `numberofemployees` is at least LARGE_COMPANY_EMPLOYEES. */
  largeCompany: number;
  /** Submissions of the "Contact us – demo" form in the window. */
  demoRequests: number;
  /** Page views (`e_visited_page`) of /pricing in the window. */
  pricingPageViews: number;
  /** COMPLETED meetings with the contact that ended in the window. */
  completedMeetings: number;
  /** Marketing email CLICK events of the contact's address in the window. */
  emailClicks: number;
  /** Noise: page views of /careers in the window. */
  careersPageViews: number;
  /** Noise: submissions of the "Newsletter signup" form in the window. */
  newsletterSignups: number;
}

export type SignalName = keyof ConversionSignals;

/** The true coefficients (log-odds per unit of the signal); the noise signals have none. */
export const trueCoefficients = {
  intercept: -3.1,
  seniorTitle: 1.1,
  targetIndustry: 0.9,
  largeCompany: 0.7,
  demoRequests: 1.3,
  pricingPageViews: 0.4,
  completedMeetings: 1.0,
  emailClicks: 0.6,
} as const;

export const fitSignals = ["seniorTitle", "targetIndustry", "largeCompany"] as const;
export const engagementSignals = [
  "demoRequests",
  "pricingPageViews",
  "completedMeetings",
  "emailClicks",
] as const;
/** Planted like the others, in the same window, with no weight (besides the contact's `country`, never read). */
export const noiseSignals = ["careersPageViews", "newsletterSignups"] as const;

export function conversionLogit(signals: ConversionSignals): number {
  let logit: number = trueCoefficients.intercept;
  for (const name of [...fitSignals, ...engagementSignals]) logit += trueCoefficients[name] * signals[name];
  return logit;
}

/** The probability that a contact with these signals at T reaches SQL within CONVERSION_WINDOW_DAYS. */
export function conversionProbability(signals: ConversionSignals): number {
  return 1 / (1 + Math.exp(-conversionLogit(signals)));
}
