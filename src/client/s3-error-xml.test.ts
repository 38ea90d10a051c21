import assert from 'node:assert/strict';
import { test } from 'node:test';
import { s3ErrorXml } from './s3-error-xml.ts';

test('s3ErrorXml escapes user text and puts Resource before RequestId', () => {
  assert.equal(
    s3ErrorXml('AccessDenied', 'a <b> & "c"', 'R1', '/b/k&'),
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>a &lt;b&gt; &amp; &quot;c&quot;</Message><Resource>/b/k&amp;</Resource><RequestId>R1</RequestId></Error>',
  );
});
