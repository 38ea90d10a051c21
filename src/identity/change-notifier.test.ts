import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ChangeNotifier } from './change-notifier.ts';

describe('ChangeNotifier', () => {
  test('every listener hears the account; a throwing one is reported and does not stop the others', () => {
    const errors: unknown[] = [];
    const n = new ChangeNotifier((e) => errors.push(e));
    const heard: string[] = [];
    n.subscribe(() => {
      throw new Error('listener bug');
    });
    const stop = n.subscribe((a) => heard.push(a));
    n.emit('111122223333');
    assert.deepEqual(heard, ['111122223333']);
    assert.equal(errors.length, 1);
    stop();
    n.emit('111122223333');
    assert.deepEqual(heard, ['111122223333']);
  });

  test('a listener that unsubscribes itself while being called does not disturb the others', () => {
    const n = new ChangeNotifier();
    const heard: string[] = [];
    const stop: () => void = n.subscribe(() => stop());
    n.subscribe((a) => heard.push(a));
    n.emit('a');
    n.emit('b');
    assert.deepEqual(heard, ['a', 'b']);
  });
});
