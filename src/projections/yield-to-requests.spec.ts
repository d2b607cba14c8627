import { LoopShare, MAX_PAUSE_MS, pauseAfter } from './yield-to-requests';

function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('yielding the event loop to requests', () => {
  describe('pauseAfter', () => {
    it('given a loop others barely use, when a batch is done, then the next one starts at once', () => {
      expect(pauseAfter(40, 0)).toBe(0);
      expect(pauseAfter(40, 0.5)).toBe(0);
    });

    it('given a busy loop, when a batch took 10 ms, then it pauses so the projection takes a tenth of the loop', () => {
      expect(pauseAfter(10, 0.9)).toBeCloseTo(90);
      expect(pauseAfter(10, 0.9, 0.5)).toBe(10);
    });

    it('given a busy loop, when a batch took long, then the pause is capped', () => {
      expect(pauseAfter(5000, 1)).toBe(MAX_PAUSE_MS);
    });
  });

  describe('LoopShare', () => {
    it('given others kept the loop busy, then their share is most of it', () => {
      const share = new LoopShare();
      share.othersShare();
      busyFor(60);
      expect(share.othersShare()).toBeGreaterThan(0.8);
    });

    it('given only the projection kept the loop busy, then others have no share of it', () => {
      const share = new LoopShare();
      share.othersShare();
      const started = performance.now();
      busyFor(60);
      share.projected(performance.now() - started);
      expect(share.othersShare()).toBeLessThan(0.2);
    });

  });
});
