import http from "node:http";
import https from "node:https";

// The SDK's transport (node-fetch 2) gives the request an `agent` and nothing else we can reach
// ([SDK] codegen/*/http/isomorphic-fetch.ts, RequestContext.setAgent). Node's ClientRequest hands
// itself to `agent.addRequest` before it connects, so a per-call view of one keep-alive agent that
// remembers the request can destroy it when the call's signal aborts: connect, wait and body alike.
// Connections are still pooled by the one shared agent.

type AddRequest = (request: http.ClientRequest, options: unknown) => void;

export type AbortableAgentFor = (signal: AbortSignal) => http.Agent;

export function createAbortableAgent(baseUrl: string): AbortableAgentFor {
  const shared =
    new URL(baseUrl).protocol === "https:"
      ? new https.Agent({ keepAlive: true })
      : new http.Agent({ keepAlive: true });
  const addRequest = (shared as unknown as { addRequest: AddRequest }).addRequest.bind(shared);
  return (signal) => {
    const view = Object.create(shared) as http.Agent & { addRequest: AddRequest };
    view.addRequest = (request, options) => {
      const abort = () => request.destroy(signal.reason instanceof Error ? signal.reason : undefined);
      if (signal.aborted) abort();
      else {
        signal.addEventListener("abort", abort, { once: true });
        request.once("close", () => signal.removeEventListener("abort", abort));
      }
      addRequest(request, options);
    };
    return view;
  };
}
