/** The first canonical encoding, written plainly: every stored hash was made with it, so any faster one must agree with it. */
export function referenceCanonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} cannot be encoded.`);
  }
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : referenceCanonicalJson(item))).join(',')}]`;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) throw new TypeError('canonicalJson: only plain objects can be encoded.');
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) members.push(`${JSON.stringify(key)}:${referenceCanonicalJson(member)}`);
  }
  return `{${members.join(',')}}`;
}
