import { expect, it } from "vitest";
import type { CrmPropertyDefinition } from "../../../src/ports/crm-client.js";
import { type DoorTarget, tinyWorld } from "./tiny-world.js";

// What the builder's pickers read through the door (docs/decisions.md §Builder pickers): every
// property of an object with its labels and options (GET /crm/v3/properties/{objectType}), and the
// portal's lists by name (POST /crm/v3/lists/search).

const tier: CrmPropertyDefinition = {
  name: "ls_tier",
  label: "Lead tier",
  type: "enumeration",
  fieldType: "select",
  groupName: "lead_score",
  description: "Computed by lead-score",
  options: [
    { label: "Hot", value: "hot", displayOrder: 0, hidden: false },
    { label: "Cold", value: "cold", displayOrder: 1, hidden: false },
  ],
};

export function definePickerCases(target: () => DoorTarget): void {
  it("lists every property of an object with its label and options, one created through the door among them", async () => {
    const t = target();
    await t.client.createProperties("contacts", [tier]);
    const contacts = await t.client.listProperties("contacts");
    expect(contacts.find((p) => p.name === tier.name)).toEqual({
      ...tier,
      hidden: false,
      readOnly: false,
      calculated: false,
    });
    expect(await t.calls("GET /crm/v3/properties/contacts")).toBe(1);
  });

  it("names call outcomes: their GUID values carry the labels a person knows them by", async () => {
    const calls = await target().client.listProperties("calls");
    const outcome = calls.find((p) => p.name === "hs_call_disposition");
    expect(outcome).toMatchObject({ label: "Call outcome", type: "enumeration", hidden: false });
    expect(outcome?.options).toContainEqual(
      expect.objectContaining({ value: "f240bbac-87c9-4f6e-bf70-924b57d47db7", label: "Connected" }),
    );
  });

  it("finds lists by a part of their name, any case, with their object and size", async () => {
    const t = target();
    const hot = { listId: t.ids.listId, name: tinyWorld.list.name, objectTypeId: "0-1", size: 2 };
    expect(await t.client.searchLists("")).toEqual([hot]);
    expect(await t.client.searchLists("LEADS")).toEqual([hot]);
    expect(await t.client.searchLists("cold")).toEqual([]);
  });
}
