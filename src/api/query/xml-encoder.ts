import { XMLBuilder } from 'fast-xml-parser';

/** The XML namespaces of the two Query services. */
export const NAMESPACES = {
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
} as const;

/** Which of the two Query services a request is for. */
export type QueryService = keyof typeof NAMESPACES;

/** Members of shape `policyDocumentType`: URL-encoded JSON on the wire (api-surface.md, response envelope). */
const POLICY_DOCUMENT_MEMBERS = new Set(['AssumeRolePolicyDocument', 'PolicyDocument', 'Document']);

// Escaping is done here (xmlText), not by the builder, so quotes in messages stay readable (`'iam'`, not `&apos;`).
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
  processEntities: false,
});

// Characters XML 1.0 cannot carry at all; replaced so a client's parser never chokes on echoed input.
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Element text safe for an XML 1.0 document: `&<>` escaped, characters XML cannot carry replaced by U+FFFD. */
export function xmlText(value: string): string {
  return value.replace(/[&<>]/g, (c) => ESCAPES[c]!).replace(NOT_XML, '\uFFFD');
}

/** RFC 3986 percent-encoding (space as `%20`), as IAM encodes policy documents in responses. */
export function encodePolicyDocument(document: string): string {
  return encodeURIComponent(document).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** ISO 8601 UTC with whole seconds, as AWS writes timestamps. */
export function isoTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Turns an AWS result shape into the builder's tree: lists as `member`, maps as `entry/key/value`. */
function toNode(value: unknown, name: string): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string')
    return xmlText(POLICY_DOCUMENT_MEMBERS.has(name) ? encodePolicyDocument(value) : value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return isoTimestamp(value);
  if (Array.isArray(value)) return value.length === 0 ? '' : { member: value.map((v) => toNode(v, 'member')) };
  if (value instanceof Map) {
    if (value.size === 0) return '';
    return { entry: [...value].map(([k, v]) => ({ key: toNode(k, 'key'), value: toNode(v, 'value') })) };
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      const node = toNode(member, key);
      if (node !== undefined) out[key] = node;
    }
    return out;
  }
  return xmlText(String(value));
}

/** Builds an XML document from a tree whose root carries the service namespace. */
export function buildXml(root: string, service: QueryService, body: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: { '@_xmlns': NAMESPACES[service], ...body } })}`;
}

/**
 * The success envelope: `<OpResponse xmlns><OpResult>…</OpResult><ResponseMetadata><RequestId/>…`. An action
 * with no output (`{}`) gets the envelope with only ResponseMetadata, as AWS sends it.
 */
export function encodeResult(action: string, service: QueryService, output: object, requestId: string): string {
  const result = toNode(output, `${action}Result`) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  if (Object.keys(result).length > 0) body[`${action}Result`] = result;
  body['ResponseMetadata'] = { RequestId: xmlText(requestId) };
  return buildXml(`${action}Response`, service, body);
}
