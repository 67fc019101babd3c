import { describe, expect, it } from "vitest";
import { eventTypeOptions } from "../../../../src/admin/assets/builder-event-type.js";
import { pickerNote } from "../../../../src/admin/assets/picker-combobox.js";
import {
  checklistBoxes,
  isPlainDay,
  matchOptions,
  optionNamed,
  propertyOptions,
  shownText,
  toggleValue,
  valueOfText,
} from "../../../../src/admin/assets/picker-matches.js";
import type { PickOption } from "../../../../src/admin/assets/types.js";

// The builder's pickers (docs/decisions.md §Builder pickers): labels shown, internal values kept, and
// nothing typed lost.

const stages: PickOption[] = [
  { value: "lead", label: "Lead" },
  { value: "marketingqualifiedlead", label: "Marketing Qualified Lead" },
  { value: "salesqualifiedlead", label: "Sales Qualified Lead" },
  { value: "customer", label: "Customer" },
];

describe("matchOptions", () => {
  it("matches labels and internal names in any case, labels starting with the text first", () => {
    expect(matchOptions(stages, "qual").map((o) => o.value)).toEqual([
      "marketingqualifiedlead",
      "salesqualifiedlead",
    ]);
    expect(matchOptions(stages, "LEAD").map((o) => o.value)).toEqual([
      "lead",
      "marketingqualifiedlead",
      "salesqualifiedlead",
    ]);
    expect(matchOptions(stages, "salesqualified").map((o) => o.value)).toEqual(["salesqualifiedlead"]);
  });

  it("offers every option, up to the limit, for no text", () => {
    expect(matchOptions(stages, "  ")).toHaveLength(4);
    expect(matchOptions(stages, "", 2)).toHaveLength(2);
  });
});

describe("typed text", () => {
  it("is saved as the internal value of the option it names exactly, by label or name", () => {
    expect(valueOfText(stages, "sales qualified lead")).toBe("salesqualifiedlead");
    expect(valueOfText(stages, "customer ")).toBe("customer");
    expect(optionNamed(stages, "")).toBeUndefined();
  });

  it("is kept as typed when no option has that name: a custom property, an event HubSpot does not list", () => {
    expect(valueOfText(stages, " hs_custom_stage")).toBe("hs_custom_stage");
    expect(valueOfText([], "pe123_webinar_joined")).toBe("pe123_webinar_joined");
  });

  it("shows a saved value by its label, or as it is when no option has it", () => {
    expect(shownText(stages, "customer")).toBe("Customer");
    expect(shownText(stages, "hs_custom_stage")).toBe("hs_custom_stage");
    expect(shownText(stages, undefined)).toBe("");
  });
});

describe("checklists", () => {
  it("adds a ticked value once, at the end, and removes an unticked one", () => {
    expect(toggleValue(["lead"], "customer", true)).toEqual(["lead", "customer"]);
    expect(toggleValue(["lead", "customer"], "lead", true)).toEqual(["customer", "lead"]);
    expect(toggleValue(["lead", "customer"], "lead", false)).toEqual(["customer"]);
  });

  it("ticks the held values and keeps values no option offers as boxes of their own", () => {
    const boxes = checklistBoxes(stages, ["customer", "retired_stage", undefined, ""]);
    expect(boxes.filter((b) => b.checked).map((b) => b.value)).toEqual(["customer", "retired_stage"]);
    expect(boxes.at(-1)).toEqual({
      value: "retired_stage",
      label: "retired_stage",
      checked: true,
      unknown: true,
    });
    expect(boxes).toHaveLength(5);
  });
});

describe("isPlainDay", () => {
  it("lets a date picker show empty dates and days, and leaves times, zones and epoch milliseconds as typed", () => {
    expect(isPlainDay(undefined)).toBe(true);
    expect(isPlainDay("")).toBe(true);
    expect(isPlainDay("2026-01-31")).toBe(true);
    expect(isPlainDay("2026-01-31T10:00:00Z")).toBe(false);
    expect(isPlainDay(1_767_225_600_000)).toBe(false);
  });
});

describe("pickerNote", () => {
  it("says what loads, what failed and that an unknown value is kept; nothing once a known value is picked", () => {
    expect(pickerNote({ status: "loading" }, "x", "properties of contacts")).toBe(
      "Loading the properties of contacts from HubSpot…",
    );
    expect(pickerNote({ status: "failed", message: "HubSpot answered 403" }, "x", "event types")).toBe(
      "The event types could not be loaded from HubSpot: type the internal name.",
    );
    expect(pickerNote({ status: "ready", data: stages }, "hs_custom", "properties of contacts")).toBe(
      "“hs_custom” is not among the properties of contacts: kept as typed.",
    );
    expect(pickerNote({ status: "ready", data: stages }, "lead", "properties of contacts")).toBeUndefined();
    expect(pickerNote({ status: "none" }, "lead", "properties of contacts")).toBeUndefined();
  });
});

describe("options of the catalogs", () => {
  it("shows a property by label with its internal name as the hint", () => {
    const property = { name: "hs_call_disposition", label: "Call outcome", type: "enumeration" };
    expect(propertyOptions([{ ...property, fieldType: "select", group: "calls", options: [] }])).toEqual([
      { value: "hs_call_disposition", label: "Call outcome", hint: "hs_call_disposition" },
    ]);
  });

  it("says beside an event type why its events would not arrive", () => {
    const options = eventTypeOptions([
      { type: "call", label: "Call", source: "calls", available: true, properties: [] },
      {
        type: "email",
        label: "Sales email",
        source: "emails",
        available: false,
        reason: "the portal did not grant sales-email-read",
        properties: [],
      },
    ]);
    expect(options).toEqual([
      { value: "call", label: "Call", hint: "call" },
      {
        value: "email",
        label: "Sales email",
        hint: "email · not available: the portal did not grant sales-email-read",
        unavailable: true,
      },
    ]);
  });
});
