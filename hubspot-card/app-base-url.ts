// Where the card's data comes from: the app's public address, written in by `npm run hubspot:project`
// (the same address the app config's permittedUrls.fetch lists, which hubspot.fetch requires).
export const APP_BASE_URL = "{{PUBLIC_BASE_URL}}";
