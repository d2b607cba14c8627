/** What a request carries into the write side besides its body: who and which conversation. */
import type { Principal } from '../auth/principal';

export interface RequestContext {
  principal: Principal;
  /** X-Correlation-Id of the request, or its request id. Goes into every event's metadata. */
  correlationId: string;
  /** The request id; becomes the causationId of the events the request writes. */
  requestId: string;
}
