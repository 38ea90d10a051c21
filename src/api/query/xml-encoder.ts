/** The XML namespaces of the two Query services. */
export const NAMESPACES = {
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
} as const;

/** Which of the two Query services a request is for. */
export type QueryService = keyof typeof NAMESPACES;

/** Members of shape `policyDocumentType`: URL-encoded JSON on the wire (api-surface.md, response envelope). */
const POLICY_DOCUMENT_MEMBERS = new Set(['AssumeRolePolicyDocument', 'PolicyDocument', 'Document']);

// Characters XML 1.0 cannot carry at all; replaced so a client's parser never chokes on echoed input.
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Anything either replacement could touch (a surrogate may be well paired: then the slow path leaves it alone).
const NEEDS_ESCAPING = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Element text safe for an XML 1.0 document: `&<>` escaped, characters XML cannot carry replaced by U+FFFD. Quotes
 * stay as they are (only attribute values would need them escaped), so messages read `'iam'`, not `&apos;iam&apos;`.
 */
export function xmlText(value: string): string {
  if (!NEEDS_ESCAPING.test(value)) return value;
  return value.replace(/[&<>]/g, (c) => ESCAPES[c]!).replace(NOT_XML, '\uFFFD');
}

/** RFC 3986 percent-encoding (space as `%20`), as IAM encodes policy documents in responses. */
export function encodePolicyDocument(document: string): string {
  // encodeURIComponent throws on a lone surrogate; such a character is sent as U+FFFD rather than failing the call.
  return encodeURIComponent(document.toWellFormed()).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// The last instant formatted: answers about one entity repeat its dates (CreateDate), and formatting costs more.
let lastTime = Number.NaN;
let lastText = '';

/** ISO 8601 UTC with whole seconds, as AWS writes timestamps. */
export function isoTimestamp(date: Date): string {
  const time = date.getTime();
  if (time === lastTime) return lastText;
  const iso = date.toISOString();
  // Years 0000-9999 give exactly `YYYY-MM-DDTHH:MM:SS.sssZ`; extended years (±YYYYYY) take the general path.
  lastText = iso.length === 24 ? `${iso.slice(0, 19)}Z` : iso.replace(/\.\d{3}Z$/, 'Z');
  lastTime = time;
  return lastText;
}

/** The text of an element holding a scalar, or undefined when `value` is a structure, list or map. */
function scalarText(value: unknown, name: string): string | undefined {
  if (typeof value === 'string')
    return xmlText(POLICY_DOCUMENT_MEMBERS.has(name) ? encodePolicyDocument(value) : value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return isoTimestamp(value);
  if (typeof value !== 'object') return xmlText(String(value));
  return undefined;
}

/** The children of a structure: one element per member that has a value, in the members' order. */
function membersXml(value: object): string {
  let out = '';
  for (const key in value) {
    if (Object.hasOwn(value, key)) out += elementXml(key, (value as Record<string, unknown>)[key]);
  }
  return out;
}

/**
 * One AWS shape as an element, written straight to a string (a builder's intermediate tree cost more than the rest
 * of encoding): lists as `member` elements, maps as `entry/key/value`, absent values as nothing at all.
 */
function elementXml(name: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = scalarText(value, name);
  if (text !== undefined) return `<${name}>${text}</${name}>`;
  let inner = '';
  if (Array.isArray(value)) {
    for (const item of value) inner += elementXml('member', item);
  } else if (value instanceof Map) {
    for (const [k, v] of value) inner += `<entry>${elementXml('key', k)}${elementXml('value', v)}</entry>`;
  } else {
    inner = membersXml(value as object);
  }
  return `<${name}>${inner}</${name}>`;
}

/** A tree whose strings are already escaped element text; nested objects are elements, arrays repeat their key. */
export type XmlTree = { readonly [name: string]: string | XmlTree | readonly (string | XmlTree)[] | undefined };

function treeXml(tree: XmlTree): string {
  let out = '';
  for (const name in tree) {
    if (!Object.hasOwn(tree, name)) continue;
    const node = tree[name];
    if (node === undefined) continue;
    for (const item of Array.isArray(node) ? node : [node]) {
      out += `<${name}>${typeof item === 'string' ? item : treeXml(item as XmlTree)}</${name}>`;
    }
  }
  return out;
}

const PROLOG = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** Builds an XML document from a tree (text already escaped, see xmlText) whose root carries the service namespace. */
export function buildXml(root: string, service: QueryService, body: XmlTree): string {
  return `${PROLOG}<${root} xmlns="${NAMESPACES[service]}">${treeXml(body)}</${root}>`;
}

/**
 * The success envelope: `<OpResponse xmlns><OpResult>…</OpResult><ResponseMetadata><RequestId/>…`. An action
 * with no output (`{}`) gets the envelope with only ResponseMetadata, as AWS sends it.
 */
export function encodeResult(action: string, service: QueryService, output: object, requestId: string): string {
  const members = membersXml(output);
  const result = members === '' ? '' : `<${action}Result>${members}</${action}Result>`;
  return (
    `${PROLOG}<${action}Response xmlns="${NAMESPACES[service]}">${result}` +
    `<ResponseMetadata><RequestId>${xmlText(requestId)}</RequestId></ResponseMetadata></${action}Response>`
  );
}
