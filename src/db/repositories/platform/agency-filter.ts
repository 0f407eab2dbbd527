/** Which agencies' records a list query may return; built by use-cases from the policy's scope. */
export type AgencyFilter =
  { kind: 'all' } | { kind: 'agency'; agencyId: string } | { kind: 'subtree'; path: string } | { kind: 'none' };

/** Escapes LIKE wildcards; paths are ids and slashes, but never trust that. */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}
