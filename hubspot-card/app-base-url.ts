// Where the card's data comes from: PUBLIC_BASE_URL, written in by `npm run hubspot:project` (the same
// value the app config's permittedUrls.fetch lists, which hubspot.fetch requires).
export const APP_BASE_URL = "{{PUBLIC_BASE_URL}}";
