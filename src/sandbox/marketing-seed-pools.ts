// Word pools for seeded marketing and web activity: campaigns, forms, site pages, CTAs, ads,
// custom behavioural events and support tickets.

export const campaignTopics = [
  ["Monthly newsletter", "What's new this month"],
  ["Product update", "Three features you asked for"],
  ["Webinar invitation", "Join our live scoring webinar"],
  ["Case study", "How Atlas Labs doubled its pipeline"],
  ["Ebook launch", "The lead scoring playbook is here"],
  ["Event recap", "Highlights from our customer summit"],
] as const;

export const seededForms = [
  "Contact us – sales",
  "Contact us – demo",
  "Newsletter signup",
  "Ebook download",
] as const;

export const sitePages = [
  ["https://www.example.com/", "Home"],
  ["https://www.example.com/pricing", "Pricing"],
  ["https://www.example.com/product", "Product tour"],
  ["https://www.example.com/customers", "Customers"],
  ["https://www.example.com/blog/lead-scoring-basics", "Lead scoring basics"],
  ["https://www.example.com/blog/decay-explained", "Score decay, explained"],
  ["https://www.example.com/contact", "Contact us"],
  ["https://www.example.com/careers", "Careers"],
] as const;

export const ctaNames = ["Book a demo", "Start free trial", "Download the ebook", "Talk to sales"] as const;

export const adCampaigns = [
  ["GOOGLE", "Brand search", "Lead scoring that explains itself"],
  ["LINKEDIN", "Q4 ABM", "Scores your sales team trusts"],
  ["FACEBOOK", "Retargeting", "Come back for the demo"],
] as const;

/** Labels of the portal's custom behavioural events (pe{portalId}_{label}) and their properties. */
export const customEvents = [
  ["used_pricing_calculator", { plan: ["starter", "pro", "enterprise"] }],
  ["started_trial", { edition: ["pro", "enterprise"] }],
] as const;

export const ticketSubjects = [
  "Cannot log in",
  "Invoice shows the wrong amount",
  "Feature request: export to CSV",
  "How do I set up scoring?",
  "Sync with HubSpot is slow",
] as const;
