import { validationError } from "./hubspot-error.js";
import {
  AD_INTERACTION,
  adInteractionProperties,
  CTA_CLICK,
  ctaClickProperties,
  customEventType,
  PAGE_VIEW,
  pageViewProperties,
} from "./web-event-types.js";

// What a person's action on the website becomes in event analytics: its event type and properties
// (web-event-types.ts), from the control endpoint's plain fields.

export const webEventKinds = ["page_view", "cta_click", "ad_interaction", "custom"] as const;

export interface WebEventFields {
  kind: (typeof webEventKinds)[number];
  label?: string;
  url?: string;
  title?: string;
  ctaName?: string;
  network?: string;
  campaignName?: string;
  adName?: string;
  properties?: Record<string, string>;
}

export function createWebEventInput(
  portalId: number,
  fields: WebEventFields,
): { eventType: string; properties: Record<string, string> } {
  const url = fields.url ?? "https://www.example.com/";
  switch (fields.kind) {
    case "page_view":
      return {
        eventType: PAGE_VIEW,
        properties: { ...pageViewProperties(url, fields.title ?? url), ...fields.properties },
      };
    case "cta_click":
      return {
        eventType: CTA_CLICK,
        properties: { ...ctaClickProperties(fields.ctaName ?? "Book a demo", url), ...fields.properties },
      };
    case "ad_interaction":
      return {
        eventType: AD_INTERACTION,
        properties: {
          ...adInteractionProperties(
            fields.network ?? "GOOGLE",
            fields.campaignName ?? "Brand search",
            fields.adName ?? "Lead scoring ad",
          ),
          ...fields.properties,
        },
      };
    case "custom":
      if (!fields.label)
        throw validationError("a custom event needs its label (the event is pe{portalId}_{label})");
      return { eventType: customEventType(portalId, fields.label), properties: { ...fields.properties } };
  }
}
