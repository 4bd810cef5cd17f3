import { describe, expect, it } from 'vitest';
import { compileFilterPattern } from '../../src/local/services/logs/filterPattern.js';
import { LogsState } from '../../src/local/services/logs/store.js';

const append = (state: LogsState, group: string, stream: string, at: number, events: [number, string][]) =>
  state.apply('append', { group, stream, at, events, create: true });

describe('LogsState memory bounds', () => {
  it('caps events per stream, dropping the oldest', () => {
    const state = new LogsState({ streamEvents: 100, streamBytes: 1e9, totalBytes: 1e9 });
    for (let i = 0; i < 30; i++)
      append(
        state,
        'g',
        's',
        1000 + i,
        Array.from({ length: 10 }, (_, j): [number, string] => [i * 10 + j, `m${i * 10 + j}`]),
      );
    const log = state.groups.get('g')!.streams.get('s')!.events;
    expect(log.length).toBe(100);
    expect(log.at(0).message).toBe('m200');
    expect(log.at(99).message).toBe('m299');
    // Metadata survives eviction, as AWS keeps it for the stream's lifetime.
    expect(state.groups.get('g')!.streams.get('s')!.firstEventTimestamp).toBe(0);
  });

  it('caps bytes per stream and across the service, taking from the stream with the oldest events', () => {
    const state = new LogsState({ streamEvents: 1e9, streamBytes: 10_000, totalBytes: 25_000 });
    const line = 'x'.repeat(74); // 100 bytes with the 26-byte overhead
    for (let i = 0; i < 200; i++) append(state, 'g', 'old', 1, [[i, line]]);
    expect(state.groups.get('g')!.streams.get('old')!.events.bytes).toBeLessThanOrEqual(10_000);
    for (let i = 0; i < 150; i++) append(state, 'g', 'mid', 1, [[1000 + i, line]]);
    for (let i = 0; i < 150; i++) append(state, 'h', 'new', 1, [[2000 + i, line]]);
    expect(state.storedBytes).toBeLessThanOrEqual(25_000);
    const newest = state.groups.get('h')!.streams.get('new')!.events;
    expect(newest.at(newest.length - 1).timestamp).toBe(2149);
    const old = state.groups.get('g')!.streams.get('old')!.events;
    expect(old.length).toBeLessThan(newest.length);
  });

  it('rebuilds the same state from a snapshot plus the same records (replay is deterministic)', () => {
    const limits = { streamEvents: 50, streamBytes: 1e9, totalBytes: 1e9 };
    const records: [string, unknown][] = [
      ['createGroup', { name: 'g', at: 0 }],
      ['putRetention', { name: 'g', days: 1 }],
      ['createStream', { group: 'g', name: 's', at: 0 }],
    ];
    for (let i = 0; i < 40; i++)
      records.push([
        'append',
        {
          group: 'g',
          stream: 's',
          at: i * 3_600_000,
          events: [
            [i * 3_600_000, `e${i}`],
            [i * 3_600_000, `f${i}`],
          ],
        },
      ]);
    const live = new LogsState(limits);
    for (const [t, d] of records) live.apply(t, d);
    const replayed = new LogsState(limits);
    replayed.restore(JSON.parse(JSON.stringify(new LogsState(limits).snapshot())));
    for (const [t, d] of records) replayed.apply(t, JSON.parse(JSON.stringify(d)));
    expect(JSON.stringify(replayed.snapshot())).toBe(JSON.stringify(live.snapshot()));
    // One day of retention at the last ingestion (39 h) keeps the events from 15 h on.
    const log = live.groups.get('g')!.streams.get('s')!.events;
    expect(log.at(0).message).toBe('e15');
    expect(log.length).toBe(50);
    const restored = new LogsState(limits);
    restored.restore(JSON.parse(JSON.stringify(live.snapshot())));
    expect(JSON.stringify(restored.snapshot())).toBe(JSON.stringify(live.snapshot()));
    expect(restored.storedBytes).toBe(live.storedBytes);
  });

  it('inserts a late batch in timestamp order', () => {
    const state = new LogsState();
    append(state, 'g', 's', 0, [
      [10, 'b'],
      [20, 'd'],
    ]);
    append(state, 'g', 's', 0, [
      [5, 'a'],
      [10, 'c'],
    ]);
    const log = state.groups.get('g')!.streams.get('s')!.events;
    expect([0, 1, 2, 3].map((i) => log.at(i).message)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('filter patterns', () => {
  it('handles text terms', () => {
    const m = compileFilterPattern('ERROR "disk full" -ignored');
    expect(m('ERROR: disk full now')).toBe(true);
    expect(m('ERROR: disk is full')).toBe(false);
    expect(m('ERROR disk full ignored')).toBe(false);
    expect(compileFilterPattern('?a ?b')('xbx')).toBe(true);
    expect(compileFilterPattern('?a ?b')('xcx')).toBe(false);
    expect(compileFilterPattern(undefined)('anything')).toBe(true);
  });

  it('handles JSON patterns on arrays and non-JSON input', () => {
    const m = compileFilterPattern('{ $.items[1].n >= 2 }');
    expect(m('{"items":[{"n":1},{"n":2}]}')).toBe(true);
    expect(m('{"items":[{"n":1}]}')).toBe(false);
    expect(m('not json')).toBe(false);
    expect(compileFilterPattern('{ $.a = 1 }')('{"a":1}')).toBe(true);
    expect(compileFilterPattern('{ $.a = "x y" }')('{"a":"x y"}')).toBe(true);
    expect(() => compileFilterPattern('{ $.a > "x" }')).toThrow(/Invalid filter pattern/);
    expect(() => compileFilterPattern('{ $.a = 1 ')).toThrow(/Invalid filter pattern/);
    expect(() => compileFilterPattern('"unterminated')).toThrow(/Invalid filter pattern/);
  });
});
