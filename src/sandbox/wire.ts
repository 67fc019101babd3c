// The JSON HubSpot sends, typed from the SDK's models (docs/hubspot.md §Testing against HubSpot): dates are ISO strings,
// string enums their literal values, and the SDK's `_from` is `from` on the wire.
export type Wire<T> = T extends Date
  ? string
  : T extends string
    ? `${T}`
    : T extends Array<infer U>
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T as K extends "_from" ? "from" : K]: Wire<T[K]> }
        : T;
