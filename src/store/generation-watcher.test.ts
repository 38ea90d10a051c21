import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AccountGeneration, GenerationWatcher, type WatcherTimers } from './generation-watcher.ts';

/** A reader whose answer the test sets, and whose next answer can be held back (to test overlap). */
class FakeReader {
  rows: AccountGeneration[] = [];
  reads = 0;
  failWith: Error | undefined;
  #gate: Promise<void> | undefined;

  /** Holds the next read until the returned function is called. */
  hold(): () => void {
    let release!: () => void;
    this.#gate = new Promise<void>((r) => (release = r));
    return release;
  }

  read = async (): Promise<AccountGeneration[]> => {
    this.reads++;
    const gate = this.#gate;
    this.#gate = undefined;
    if (gate) await gate;
    if (this.failWith) throw this.failWith;
    return this.rows.map((r) => ({ ...r }));
  };
}

/** Timers the test drives by hand: `tick()` runs the interval callback once. */
class FakeTimers implements WatcherTimers {
  tick: (() => void) | undefined;
  ms: number | undefined;
  cleared = false;
  setInterval(tick: () => void, ms: number): unknown {
    this.tick = tick;
    this.ms = ms;
    return 'handle';
  }
  clearInterval(handle: unknown): void {
    assert.equal(handle, 'handle');
    this.cleared = true;
  }
}

function setup() {
  const reader = new FakeReader();
  const timers = new FakeTimers();
  const changed: string[] = [];
  const warnings: string[] = [];
  const watcher = new GenerationWatcher({
    read: reader.read,
    onChange: (a) => changed.push(a),
    pollMs: 50,
    logger: { warn: (_o, msg) => warnings.push(msg) },
    timers,
  });
  return { reader, timers, changed, warnings, watcher };
}

test('the first poll is the baseline; later polls report changed, new and deleted accounts only', async () => {
  const { reader, timers, changed, watcher } = setup();
  reader.rows = [
    { accountId: 'a', generation: 1 },
    { accountId: 'b', generation: 4 },
    { accountId: 'c', generation: 0 },
  ];
  await watcher.start();
  assert.equal(timers.ms, 50);
  assert.deepEqual(changed, []);
  await watcher.poll();
  assert.deepEqual(changed, [], 'nothing moved: nothing reported');
  reader.rows = [
    { accountId: 'a', generation: 2 },
    { accountId: 'b', generation: 4 },
    { accountId: 'd', generation: 0 },
  ];
  await watcher.poll();
  assert.deepEqual(changed.sort(), ['a', 'c', 'd']);
  changed.length = 0;
  // A generation that went down (the account was re-created) is a change too.
  reader.rows = [
    { accountId: 'a', generation: 0 },
    { accountId: 'b', generation: 4 },
    { accountId: 'd', generation: 0 },
  ];
  await watcher.poll();
  assert.deepEqual(changed, ['a']);
  await watcher.stop();
});

test("this process's own commits are not reported again, unless another process wrote in between", async () => {
  const { reader, changed, watcher } = setup();
  reader.rows = [{ accountId: 'a', generation: 5 }];
  await watcher.start();
  watcher.noteOwnCommit('a', 6);
  watcher.noteOwnCommit('a', 7);
  reader.rows = [{ accountId: 'a', generation: 7 }];
  await watcher.poll();
  assert.deepEqual(changed, [], 'generations 6 and 7 were both ours');
  // Another process commits 8, then this one commits 9: 8 is not ours, so the account is reported.
  watcher.noteOwnCommit('a', 9);
  reader.rows = [{ accountId: 'a', generation: 9 }];
  await watcher.poll();
  assert.deepEqual(changed, ['a']);
  await watcher.stop();
});

test('a tick while a poll is still running is skipped (no overlapping polls)', async () => {
  const { reader, timers, changed, watcher } = setup();
  reader.rows = [{ accountId: 'a', generation: 1 }];
  await watcher.start();
  const readsBefore = reader.reads;
  const release = reader.hold();
  reader.rows = [{ accountId: 'a', generation: 2 }];
  timers.tick!();
  timers.tick!();
  timers.tick!();
  assert.equal(reader.reads, readsBefore + 1, 'one read in flight, the other ticks skipped');
  release();
  await watcher.poll(); // the next poll after the held one settles
  assert.deepEqual(changed, ['a']);
  await watcher.stop();
});

test('a failed poll is logged once per failure streak and polling goes on', async () => {
  const { reader, changed, warnings, watcher } = setup();
  reader.rows = [{ accountId: 'a', generation: 1 }];
  await watcher.start();
  reader.failWith = new Error('connection refused');
  await watcher.poll();
  await watcher.poll();
  assert.equal(warnings.length, 1);
  reader.failWith = undefined;
  reader.rows = [{ accountId: 'a', generation: 3 }];
  await watcher.poll();
  assert.deepEqual(changed, ['a'], 'the change made while the database was unreachable is still reported');
  reader.failWith = new Error('again');
  await watcher.poll();
  assert.equal(warnings.length, 2, 'a new streak logs again');
  await watcher.stop();
});

test('a failed first poll leaves no baseline: the next good poll reports every account', async () => {
  const { reader, changed, watcher } = setup();
  reader.failWith = new Error('down');
  await watcher.start();
  reader.failWith = undefined;
  reader.rows = [
    { accountId: 'a', generation: 1 },
    { accountId: 'b', generation: 2 },
  ];
  await watcher.poll();
  assert.deepEqual(changed.sort(), ['a', 'b']);
  await watcher.stop();
});

test('stop clears the timer, waits for the poll in flight, and no poll runs after', async () => {
  const { reader, timers, changed, watcher } = setup();
  reader.rows = [{ accountId: 'a', generation: 1 }];
  await watcher.start();
  const release = reader.hold();
  reader.rows = [{ accountId: 'a', generation: 2 }];
  timers.tick!();
  let stopped = false;
  const stopping = watcher.stop().then(() => (stopped = true));
  await Promise.resolve();
  assert.equal(stopped, false, 'stop waits for the poll in flight');
  release();
  await stopping;
  assert.equal(timers.cleared, true);
  assert.deepEqual(changed, [], 'a poll finishing after stop reports nothing');
  const reads = reader.reads;
  await watcher.poll();
  assert.equal(reader.reads, reads, 'no reads after stop');
});

test('the default timer is unref-ed, so a watcher never keeps the process alive', async () => {
  const reader = new FakeReader();
  const watcher = new GenerationWatcher({ read: reader.read, onChange: () => {}, pollMs: 60_000, logger: { warn() {} } });
  await watcher.start();
  // If the timer were ref-ed this test file would never exit; stop clears it either way.
  await watcher.stop();
  assert.equal(reader.reads, 1);
});
