/** A subscription client's queue at the gateway: bounded, so a client that stops reading is dropped, not buffered. */
import { clientStream } from '../src/subscriptions.js';

it('drops a client that falls more than maxQueue events behind, once, and frees its place', async () => {
  let closed = 0;
  const { listener, iterator } = clientStream(3, () => closed++);
  for (let i = 0; i < 3; i++) listener.push({ data: { n: i } });
  expect(closed).toBe(0);
  listener.push({ data: { n: 3 } }); // the fourth, unread: over the bound
  expect(closed).toBe(1);
  listener.push({ data: { n: 4 } }); // nothing more is kept for it
  const first = await iterator.next();
  expect(first.done).toBe(false);
  expect((first.value as any).errors[0].extensions.code).toBe('SLOW_CONSUMER');
  expect((await iterator.next()).done).toBe(true);
  expect(closed).toBe(1);
});

it('delivers in order to a client that keeps up, and ends cleanly when it leaves', async () => {
  let closed = 0;
  const { listener, iterator } = clientStream(3, () => closed++);
  const pending = iterator.next();
  listener.push({ data: { n: 1 } });
  expect((await pending).value).toEqual({ data: { n: 1 } });
  for (let i = 2; i <= 4; i++) listener.push({ data: { n: i } });
  expect((await iterator.next()).value).toEqual({ data: { n: 2 } });
  await iterator.return!(undefined);
  expect(closed).toBe(1);
  expect((await iterator.next()).done).toBe(true);
});
