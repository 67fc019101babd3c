import type { CrmClient } from "../src/ports/crm-client.js";

/**
 * Every door method an in-process bench portal does not answer: each rejects, so a bench that starts
 * using one fails loudly instead of measuring a fake. A portal spreads this and answers what it needs.
 */
export function unsupportedCrmMethods(bench: string): Omit<CrmClient, "portalId"> {
  const unsupported = async (): Promise<never> => {
    throw new Error(`not used by the ${bench} bench`);
  };
  return {
    readRecords: unsupported,
    readAssociations: unsupported,
    updateRecords: unsupported,
    listRecordIds: unsupported,
    countRecords: unsupported,
    searchModifiedSince: unsupported,
    readLists: unsupported,
    searchLists: unsupported,
    readListMemberIds: unsupported,
    readRecordListIds: unsupported,
    findRecords: unsupported,
    createPropertyGroup: unsupported,
    readProperties: unsupported,
    listProperties: unsupported,
    createProperties: unsupported,
    updateProperty: unsupported,
    completeActionCallback: unsupported,
    archiveProperties: unsupported,
    readMarketingEmailEvents: unsupported,
    readEmailCampaign: unsupported,
    listForms: unsupported,
    readFormSubmissions: unsupported,
    findContactIdsByEmail: unsupported,
    readEventTypes: unsupported,
    readContactWebEvents: unsupported,
    readPortalWebEvents: unsupported,
    readStageEntries: unsupported,
    listStageEntries: unsupported,
    readPropertyHistories: unsupported,
  };
}
