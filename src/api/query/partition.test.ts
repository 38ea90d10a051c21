import assert from 'node:assert/strict';
import { test } from 'node:test';
import { partitionOf, withPartition } from './partition.ts';

const cases: [string, string][] = [
  ['us-east-1', 'aws'],
  ['eu-west-3', 'aws'],
  ['il-central-1', 'aws'],
  ['cn-north-1', 'aws-cn'],
  ['us-gov-west-1', 'aws-us-gov'],
  ['us-iso-east-1', 'aws-iso'],
  ['us-isob-east-1', 'aws-iso-b'],
  ['us-isof-south-1', 'aws-iso-f'],
  ['eu-isoe-west-1', 'aws-iso-e'],
  ['eusc-de-east-1', 'aws-eusc'],
  ['aws-global', 'aws'],
  ['aws-cn-global', 'aws-cn'],
  ['moon-base-1', 'aws'],
  // Names Object.prototype carries are regions like any other, not table entries.
  ['constructor', 'aws'],
  ['tostring', 'aws'],
];
for (const [region, partition] of cases) {
  test(`${region} signs for partition ${partition}`, () => assert.equal(partitionOf(region), partition));
}

test('asking again gives the same (remembered) answer', () => {
  for (let i = 0; i < 2; i++) for (const [region, partition] of cases) assert.equal(partitionOf(region), partition);
});

test('withPartition rewrites only the partition element', () => {
  assert.equal(withPartition('arn:aws:iam::123456789012:user/a', 'aws-cn'), 'arn:aws-cn:iam::123456789012:user/a');
  assert.equal(withPartition('arn:aws:iam::123456789012:root', 'aws'), 'arn:aws:iam::123456789012:root');
  assert.equal(withPartition('not-an-arn', 'aws-cn'), 'not-an-arn');
});
