/**
 * The contract against a real EventStoreDB / KurrentDB node, e.g.
 * EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npx jest test/contract
 * Streams get random names, so a shared server is fine.
 */
import { EventStoreDbEventStore } from '../../src/event-store/eventstoredb-event-store';
import { describeEventStoreContract } from './event-store.contract';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('EventStoreDB adapter', async () => {
    const store = new EventStoreDbEventStore({ connectionString });
    return { store, cleanup: () => store.close() };
  });
} else {
  describe.skip('EventStoreDB adapter — skipped: EVENTSTORE_CONNECTION_STRING is not set', () => {
    it('runs the event store contract against EventStoreDB', () => undefined);
  });
}
