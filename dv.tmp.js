const { SqliteEventStore } = require('./dist-bench/src/event-store/sqlite-event-store');
const { deriveCases } = require('./dist-bench/src/projections/case-derivation');
const { ENGLAND_AND_WALES_V1 } = require('./dist-bench/src/timeliness/rulesets/england-and-wales.v1');
(async () => {
  const store = new SqliteEventStore({ file: '/tmp/corpus100k/corpus-100000-seed1/events.sqlite' });
  const ids = (await store.listStreams(['case-'])).streamIds.slice(0, 30000).map((s) => s.slice(5));
  await deriveCases(store, ids.slice(20000), [ENGLAND_AND_WALES_V1]);
  for (let r = 0; r < 2; r++) {
    let t = process.hrtime.bigint();
    await deriveCases(store, ids.slice(0, 20000), [ENGLAND_AND_WALES_V1]);
    console.log('derive', Number(process.hrtime.bigint() - t) / 1e6, 'ms');
    t = process.hrtime.bigint();
    let n = 0;
    for (const id of ids.slice(0, 20000)) n += (await store.readStreamTimes('case-' + id)).length;
    console.log('read only', Number(process.hrtime.bigint() - t) / 1e6, 'ms', n);
  }
  await store.close();
})();
