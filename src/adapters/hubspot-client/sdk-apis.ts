import { Client } from "@hubspot/api-client";
import { createAbortableAgent } from "./abortable-agent.js";
import { createRawGet } from "./raw-get.js";
import { type BodyFields, sdkCallOptions } from "./sdk-call-options.js";

// The only run-time import of @hubspot/api-client (docs/decisions.md §One door to HubSpot).
//
// The SDK keeps its retry and limiter decorators in a process-wide singleton that every
// `new Client()` replaces, and patches an API object when it is first touched (docs/hubspot.md §SDK retries and pacing,
// [SDK] src/services/ApiDecoratorService.ts). So we build the client with neither
// `numberOfApiCallRetries` nor `limiterOptions` and touch every API we use in the same
// synchronous turn: they are patched with "no decorators" whatever other clients do later.

export interface SdkApisOptions {
  baseUrl: string;
  accessToken: () => Promise<string>;
}

export function createSdkApis(options: SdkApisOptions) {
  const client = new Client({ basePath: options.baseUrl, numberOfApiCallRetries: 0 });
  const agentFor = createAbortableAgent(options.baseUrl);
  const callOptions = (signal: AbortSignal, bodyFields?: BodyFields) =>
    sdkCallOptions(agentFor, signal, options.accessToken, bodyFields);
  return {
    callOptions,
    actionCallbacks: client.automation.actions.callbacksApi,
    objectsBasic: client.crm.objects.basicApi,
    objectsBatch: client.crm.objects.batchApi,
    objectsSearch: client.crm.objects.searchApi,
    associationsBatch: client.crm.associations.v4.batchApi,
    lists: client.crm.lists.listsApi,
    memberships: client.crm.lists.membershipsApi,
    propertiesBatch: client.crm.properties.batchApi,
    propertiesCore: client.crm.properties.coreApi,
    propertyGroups: client.crm.properties.groupsApi,
    events: client.events.eventsApi,
    forms: client.marketing.forms.formsApi,
    /** Endpoints without a typed API in 13.5 (the legacy v1 email events and form submissions). */
    rawGet: createRawGet(client, options.accessToken),
  };
}

export type SdkApis = ReturnType<typeof createSdkApis>;
