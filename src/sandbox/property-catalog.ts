import type { SandboxObjectType } from "./object-types.js";
import { industryLabels } from "./seed-pools.js";

// The HubSpot-defined properties every sandbox portal has, whatever its seed: the ones the app's
// score rules and engagement events read (docs/hubspot.md §Engagement objects lists the engagement properties and
// their values; hs_meeting_outcome's values other than SCHEDULED are UNCONFIRMED there).

export type CatalogType = "string" | "number" | "datetime" | "enumeration";
/** An option whose label is its value, or [value, label] when HubSpot shows another label. */
export type CatalogOption = string | readonly [value: string, label: string];
export type CatalogEntry = [
  name: string,
  label: string,
  type: CatalogType,
  options?: readonly CatalogOption[],
];

export const lifecycleStages = [
  "subscriber",
  "lead",
  "marketingqualifiedlead",
  "salesqualifiedlead",
  "opportunity",
  "customer",
  "evangelist",
  "other",
] as const;
export const companyIndustries = [
  "COMPUTER_SOFTWARE",
  "FINANCIAL_SERVICES",
  "HOSPITALITY",
  "HOSPITAL_HEALTH_CARE",
  "RETAIL",
  "LOGISTICS_AND_SUPPLY_CHAIN",
  "EDUCATION_MANAGEMENT",
  "MARKETING_AND_ADVERTISING",
  "CONSTRUCTION",
  "TELECOMMUNICATIONS",
] as const;
/** The labels HubSpot shows for the stages and industries, so readers of the options get words. */
const lifecycleStageLabels: Record<(typeof lifecycleStages)[number], string> = {
  subscriber: "Subscriber",
  lead: "Lead",
  marketingqualifiedlead: "Marketing Qualified Lead",
  salesqualifiedlead: "Sales Qualified Lead",
  opportunity: "Opportunity",
  customer: "Customer",
  evangelist: "Evangelist",
  other: "Other",
};
const lifecycleStageOptions = lifecycleStages.map((stage) => [stage, lifecycleStageLabels[stage]] as const);
const industryOptions = companyIndustries.map(
  (industry) => [industry, industryLabels[industry] ?? industry] as const,
);
export const meetingOutcomes = ["SCHEDULED", "COMPLETED", "RESCHEDULED", "NO_SHOW", "CANCELED"] as const;
const meetingOutcomeLabels = ["Scheduled", "Completed", "Rescheduled", "No show", "Canceled"];
/** Call outcomes are GUIDs; their names are the property's option labels (docs/hubspot.md §Engagement objects). */
export const callDispositionOptions = [
  ["9d9162e7-6cf3-4944-bf63-4dff82258764", "Busy"],
  ["f240bbac-87c9-4f6e-bf70-924b57d47db7", "Connected"],
  ["a4c4c377-d246-4b32-a13b-75a56a4cd0ff", "Left live message"],
  ["b2cf5968-551e-4856-9783-52b3da59a7d0", "Left voicemail"],
  ["73a0d17f-1163-4015-bdd5-ec830791da20", "No answer"],
  ["17b47fee-58de-441e-a44c-c6300d46f273", "Wrong number"],
] as const;
export const taskStatuses = ["NOT_STARTED", "IN_PROGRESS", "WAITING", "COMPLETED", "DEFERRED"] as const;
export const dealStages = [
  "appointmentscheduled",
  "qualifiedtobuy",
  "presentationscheduled",
  "decisionmakerboughtin",
  "contractsent",
  "closedwon",
  "closedlost",
] as const;

/** HubSpot's default ticket pipeline "0" and its stages (docs/hubspot.md §Tickets: stage ids are portal-specific). */
export const ticketStages = ["1", "2", "3", "4"] as const;
export const ticketPriorities = ["LOW", "MEDIUM", "HIGH"] as const;
export const ticketCategories = [
  "PRODUCT_ISSUE",
  "BILLING_ISSUE",
  "FEATURE_REQUEST",
  "GENERAL_INQUIRY",
] as const;

/**
 * Contact roll-ups of marketing email, form and web activity (docs/hubspot.md §Contact roll-up properties), computed by the
 * portal from its events (compute-contact-rollups.ts): read-only values, as in HubSpot.
 */
export const contactRollups: readonly CatalogEntry[] = [
  ["hs_email_delivered", "Marketing emails delivered", "number"],
  ["hs_email_open", "Marketing emails opened", "number"],
  ["hs_email_click", "Marketing emails clicked", "number"],
  ["hs_email_bounce", "Marketing emails bounced", "number"],
  ["hs_email_last_open_date", "Last marketing email open date", "datetime"],
  ["hs_email_last_click_date", "Last marketing email click date", "datetime"],
  ["num_conversion_events", "Number of Form Submissions", "number"],
  ["recent_conversion_date", "Recent Conversion Date", "datetime"],
  ["recent_conversion_event_name", "Recent Conversion", "string"],
  ["first_conversion_date", "First Conversion Date", "datetime"],
  ["first_conversion_event_name", "First Conversion", "string"],
  ["hs_analytics_num_page_views", "Number of Pageviews", "number"],
  ["hs_analytics_num_visits", "Number of Sessions", "number"],
  ["hs_analytics_last_visit_timestamp", "Time of Last Session", "datetime"],
  ["hs_analytics_last_timestamp", "Time Last Seen", "datetime"],
];
export const rollupNames: ReadonlySet<string> = new Set(contactRollups.map(([name]) => name));
/** Multi-select enumerations (fieldType checkbox): a value is options joined by `;`. */
export const multiSelectNames: ReadonlySet<string> = new Set(["hs_ticket_category"]);

/** HubSpot's calculated entry and exit dates of each lifecycle stage (docs/hubspot.md §Lifecycle stage history). */
const stageEntered: CatalogEntry[] = lifecycleStages.flatMap((stage): CatalogEntry[] => [
  [`hs_v2_date_entered_${stage}`, `Date entered "${stage}" (Lifecycle Stage Pipeline)`, "datetime"],
  [`hs_v2_date_exited_${stage}`, `Date exited "${stage}" (Lifecycle Stage Pipeline)`, "datetime"],
]);

const timestamp: CatalogEntry = ["hs_timestamp", "Activity date", "datetime"];
const activityType: CatalogEntry = ["hs_activity_type", "Activity type", "string"];

export const propertyCatalog: Record<SandboxObjectType, readonly CatalogEntry[]> = {
  contacts: [
    ["firstname", "First Name", "string"],
    ["lastname", "Last Name", "string"],
    ["email", "Email", "string"],
    ["jobtitle", "Job Title", "string"],
    ["company", "Company Name", "string"],
    ["industry", "Industry", "string"],
    ["city", "City", "string"],
    ["state", "State/Region", "string"],
    ["country", "Country/Region", "string"],
    ["numberofemployees", "Number of Employees", "number"],
    ["lifecyclestage", "Lifecycle Stage", "enumeration", lifecycleStageOptions],
    ...stageEntered,
    [
      "hs_lead_status",
      "Lead Status",
      "enumeration",
      [
        "NEW",
        "OPEN",
        "IN_PROGRESS",
        "OPEN_DEAL",
        "UNQUALIFIED",
        "ATTEMPTED_TO_CONTACT",
        "CONNECTED",
        "BAD_TIMING",
      ],
    ],
    ...contactRollups,
  ],
  companies: [
    ["name", "Company name", "string"],
    ["domain", "Company Domain Name", "string"],
    ["industry", "Industry", "enumeration", industryOptions],
    ["city", "City", "string"],
    ["state", "State/Region", "string"],
    ["country", "Country/Region", "string"],
    ["numberofemployees", "Number of Employees", "number"],
    ["annualrevenue", "Annual Revenue", "number"],
    ["lifecyclestage", "Lifecycle Stage", "enumeration", lifecycleStageOptions],
    ...stageEntered,
    ["type", "Type", "enumeration", ["PROSPECT", "PARTNER", "RESELLER", "VENDOR", "OTHER"]],
  ],
  deals: [
    ["dealname", "Deal Name", "string"],
    ["amount", "Amount", "number"],
    ["dealstage", "Deal Stage", "enumeration", dealStages],
    ["pipeline", "Pipeline", "enumeration", ["default"]],
    ["closedate", "Close Date", "datetime"],
  ],
  meetings: [
    timestamp,
    activityType,
    ["hs_meeting_title", "Meeting name", "string"],
    ["hs_meeting_body", "Meeting description", "string"],
    ["hs_meeting_start_time", "Start time", "datetime"],
    ["hs_meeting_end_time", "End time", "datetime"],
    [
      "hs_meeting_outcome",
      "Meeting outcome",
      "enumeration",
      meetingOutcomes.map((value, i) => [value, meetingOutcomeLabels[i] ?? value] as const),
    ],
  ],
  calls: [
    timestamp,
    activityType,
    ["hs_call_title", "Call title", "string"],
    [
      "hs_call_status",
      "Call status",
      "enumeration",
      [
        "BUSY",
        "CALLING_CRM_USER",
        "CANCELED",
        "COMPLETED",
        "CONNECTING",
        "FAILED",
        "IN_PROGRESS",
        "NO_ANSWER",
        "QUEUED",
        "RINGING",
      ],
    ],
    ["hs_call_disposition", "Call outcome", "enumeration", callDispositionOptions],
    ["hs_call_direction", "Call direction", "enumeration", ["INBOUND", "OUTBOUND"]],
    ["hs_call_duration", "Call duration", "number"],
  ],
  emails: [
    timestamp,
    ["hs_email_subject", "Email subject", "string"],
    ["hs_email_text", "Email body", "string"],
    ["hs_email_direction", "Email direction", "enumeration", ["EMAIL", "INCOMING_EMAIL", "FORWARDED_EMAIL"]],
    [
      "hs_email_status",
      "Email send status",
      "enumeration",
      ["BOUNCED", "FAILED", "SCHEDULED", "SENDING", "SENT"],
    ],
  ],
  notes: [timestamp, ["hs_note_body", "Note body", "string"]],
  tasks: [
    timestamp,
    ["hs_task_subject", "Task title", "string"],
    ["hs_task_body", "Task notes", "string"],
    ["hs_task_status", "Task status", "enumeration", taskStatuses],
    ["hs_task_priority", "Priority", "enumeration", ["NONE", "LOW", "MEDIUM", "HIGH"]],
    ["hs_task_type", "Task type", "enumeration", ["EMAIL", "CALL", "TODO"]],
    ["hs_task_completion_date", "Completed at", "datetime"],
  ],
  tickets: [
    ["subject", "Ticket name", "string"],
    ["content", "Ticket description", "string"],
    ["hs_pipeline", "Pipeline", "enumeration", ["0"]],
    ["hs_pipeline_stage", "Ticket status", "enumeration", ticketStages],
    // Values from third-party integrations, UNCONFIRMED in a primary source (docs/hubspot.md §Tickets).
    ["hs_ticket_priority", "Priority", "enumeration", ticketPriorities],
    // A multi-select in HubSpot, its values portal-defined (docs/hubspot.md §Tickets).
    ["hs_ticket_category", "Category", "enumeration", ticketCategories],
  ],
};

export const fieldTypeOf: Record<CatalogType, string> = {
  string: "text",
  number: "number",
  datetime: "date",
  enumeration: "select",
};
