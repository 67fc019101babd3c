// The event-analytics types the sandbox records (docs/decisions.md §Sandbox marketing and web sources).
// `e_visited_page` is HubSpot's (docs/hubspot.md §Event analytics); the names of CTA clicks and ad interactions are
// UNCONFIRMED there and are the sandbox's choice, as are their properties beyond hs_url, hs_title
// and hs_page_id. A custom behavioural event is `pe{portalId}_{label}`.

export const PAGE_VIEW = "e_visited_page";
export const CTA_CLICK = "e_clicked_cta";
export const AD_INTERACTION = "e_ad_interaction";
export const standardWebEventTypes: readonly string[] = [PAGE_VIEW, CTA_CLICK, AD_INTERACTION];

export const customEventType = (portalId: number, label: string) => `pe${portalId}_${label}`;

export function pageViewProperties(url: string, title: string): Record<string, string> {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  return {
    hs_url: url,
    hs_title: title,
    hs_page_id: String(pageIdOf(url)),
    hs_page_content_type: parsed?.pathname.startsWith("/blog") ? "BLOG_POST" : "STANDARD_PAGE",
    hs_referrer: "",
  };
}

export function ctaClickProperties(ctaName: string, url: string): Record<string, string> {
  return { hs_cta_id: String(pageIdOf(`cta:${ctaName}`)), hs_cta_name: ctaName, hs_url: url };
}

export function adInteractionProperties(
  network: string,
  campaignName: string,
  adName: string,
  interaction: "CLICK" | "VIEW" = "CLICK",
): Record<string, string> {
  return {
    hs_ad_network: network,
    hs_campaign_name: campaignName,
    hs_ad_name: adName,
    hs_interaction_type: interaction,
  };
}

/** A stable numeric id for a page (or CTA), as HubSpot's content ids are numbers. */
function pageIdOf(key: string): number {
  let hash = 0x811c9dc5;
  for (const char of key) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return 100_000_000_000 + (hash % 900_000_000);
}
