import type { AbortableAgentFor } from "./abortable-agent.js";

// Call-time options of a generated SDK API: middleware given to `new Client({ middleware })` never
// runs in 13.5, the generated ObservableAPI only uses call-time middleware ([SDK]
// codegen/*/types/ObservableAPI.ts, `allMiddleware`). The call's signal reaches its connection
// through the agent (abortable-agent.ts), and the token, when given, is looked up per request so a
// refresh behind `accessToken()` is picked up at once.

interface RequestContextLike {
  setHeaderParam(name: string, value: string): void;
  setAgent(agent: ReturnType<AbortableAgentFor>): void;
}

export function sdkCallOptions(
  agentFor: AbortableAgentFor,
  signal: AbortSignal,
  accessToken?: () => Promise<string>,
) {
  return {
    middlewareMergeStrategy: "append" as const,
    middleware: [
      {
        pre: async <C extends RequestContextLike>(context: C): Promise<C> => {
          if (accessToken) context.setHeaderParam("Authorization", `Bearer ${await accessToken()}`);
          context.setAgent(agentFor(signal));
          return context;
        },
        post: async <R>(response: R): Promise<R> => response,
      },
    ],
  };
}
