// Says plainly, at the top of every run, whether the store contract suite runs against EventStoreDB.
module.exports = async () => {
  const target = process.env.EVENTSTORE_CONNECTION_STRING;
  process.stderr.write(
    target
      ? `\nStore contract suite: SQLite and EventStoreDB (${target.replace(/\/\/[^@/]*@/, '//***@')})\n`
      : '\nStore contract suite: SQLite only; EventStoreDB skipped (set EVENTSTORE_CONNECTION_STRING to run it)\n',
  );
};
