const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** An S3-style error document: `<Error><Code>…</Code><Message>…</Message><RequestId>…</RequestId></Error>`. */
export function s3ErrorXml(code: string, message: string, requestId: string, resource?: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message>` +
    (resource === undefined ? '' : `<Resource>${escapeXml(resource)}</Resource>`) +
    `<RequestId>${escapeXml(requestId)}</RequestId></Error>`
  );
}
