import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inputOfParams } from './authorization-hook.ts';

describe('inputOfParams reads Query parameters as an AWS input for authorization', () => {
  const rows: { name: string; params: [string, string][]; input: Record<string, unknown> }[] = [
    {
      name: 'scalars by name',
      params: [
        ['UserName', 'bob'],
        ['Path', '/eng/'],
      ],
      input: { UserName: 'bob', Path: '/eng/' },
    },
    {
      name: 'lists of strings in member order',
      params: [
        ['TagKeys.member.2', 'b'],
        ['TagKeys.member.1', 'a'],
        ['TagKeys.member.10', 'c'],
      ],
      input: { TagKeys: ['a', 'b', 'c'] },
    },
    {
      name: 'lists of structures (Tags)',
      params: [
        ['Tags.member.1.Key', 'team'],
        ['Tags.member.1.Value', 'blue'],
        ['Tags.member.2.Key', 'x'],
        ['Tags.member.2.Value', ''],
      ],
      input: {
        Tags: [
          { Key: 'team', Value: 'blue' },
          { Key: 'x', Value: '' },
        ],
      },
    },
    {
      name: 'protocol parameters pass through as scalars',
      params: [
        ['Action', 'CreateUser'],
        ['Version', '2010-05-08'],
      ],
      input: { Action: 'CreateUser', Version: '2010-05-08' },
    },
    {
      name: 'nested names that are not lists are left out',
      params: [
        ['Foo.Bar', 'x'],
        ['List.member.x', 'y'],
      ],
      input: {},
    },
  ];
  for (const row of rows) {
    it(row.name, () => {
      assert.deepEqual(inputOfParams(new Map(row.params)), row.input);
    });
  }
});
