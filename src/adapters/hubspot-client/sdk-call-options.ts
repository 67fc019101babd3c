import type { AbortableAgentFor } from "./abortable-agent.js";

// Call-time options of a generated SDK API: middleware given to `new Client({ middleware })` never
// runs in 13.5, the generated ObservableAPI only uses call-time middleware ([SDK]
// codegen/*/types/ObservableAPI.ts, `allMiddleware`). The call's signal reaches its connection
// through the agent (abortable-agent.ts), and the token, when given, is looked up per request so a
// refresh behind `accessToken()` is picked up at once.
//
// `bodyFields` are added to the JSON body the SDK serialized: fields HubSpot's published specs require
// that 13.5's models do not have, so its serializer drops them (docs/decisions.md §Fields the SDK does
// not send). Added here, the call keeps the SDK's error mapping, the deadline and the abort signal.

interface RequestContextLike {
  setHeaderParam(name: string, value: string): void;
  setAgent(agent: ReturnType<AbortableAgentFor>): void;
  getBody(): unknown;
  setBody(body: string): void;
}

export type BodyFields = Readonly<Record<string, unknown>>;

function withFields(body: unknown, fields: BodyFields): string {
  const parsed: unknown = typeof body === "string" && body !== "" ? JSON.parse(body) : {};
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new Error("the SDK's request body is not a JSON object: cannot add the fields HubSpot requires");
  return JSON.stringify({ ...parsed, ...fields });
}

export function sdkCallOptions(
  agentFor: AbortableAgentFor,
  signal: AbortSignal,
  accessToken?: () => Promise<string>,
  bodyFields?: BodyFields,
) {
  return {
    middlewareMergeStrategy: "append" as const,
    middleware: [
      {
        pre: async <C extends RequestContextLike>(context: C): Promise<C> => {
          if (accessToken) context.setHeaderParam("Authorization", `Bearer ${await accessToken()}`);
          context.setAgent(agentFor(signal));
          if (bodyFields) context.setBody(withFields(context.getBody(), bodyFields));
          return context;
        },
        post: async <R>(response: R): Promise<R> => response,
      },
    ],
  };
}
