// References to values only known once a resource exists (an HTTP API's generated id). They
// are embedded in spec strings as `{{<key>#<output>}}` so the desired state stays plain data,
// and are resolved from the outputs of resources planned or applied earlier.

const TOKEN = /\{\{([^#}]+)#([^}]+)\}\}/g;

export type Outputs = Record<string, string>;

export const ref = (key: string, output: string): string => `{{${key}#${output}}}`;

export interface Resolved<T> {
  value: T;
  /** Keys of the resources whose outputs were not available. */
  unresolved: string[];
}

/** Replaces every reference in every string of `value`; leaves unknown ones in place. */
export function resolveRefs<T>(value: T, lookup: (key: string) => Outputs | undefined): Resolved<T> {
  const unresolved = new Set<string>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      return v.replace(TOKEN, (whole, key: string, output: string) => {
        const found = lookup(key)?.[output];
        if (found === undefined) unresolved.add(key);
        return found ?? whole;
      });
    }
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]));
    }
    return v;
  };
  return { value: walk(value) as T, unresolved: [...unresolved] };
}

/** `…:{{httpApi:demo-ingest-http#apiId}}/*` → `…:<apiId of httpApi:demo-ingest-http>/*`, for plans. */
export const displayRefs = (text: string): string =>
  text.replace(TOKEN, (_whole, key: string, output: string) => `<${output} of ${key}>`);
