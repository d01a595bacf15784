import { InputProblems } from '../src/errors.js';
import { encodeCursor, toConnection, toPage } from '../src/pagination.js';

it('turns first/after into limit/offset and back into cursors', () => {
  const problems = new InputProblems();
  const page = toPage({ first: 10, after: encodeCursor(19) }, problems);
  expect(problems.empty).toBe(true);
  expect(page).toEqual({ limit: 10, offset: 20 });
  const c = toConnection(['a', 'b'], 22, page);
  expect(c.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: encodeCursor(20), endCursor: encodeCursor(21) });
});

it.each([[{ first: 0 }, 'first'], [{ first: 101 }, 'first'], [{ first: 5, after: 'garbage' }, 'after'], [{ after: encodeCursor(-1) }, 'after']])(
  'refuses %j',
  (args, field) => {
    const problems = new InputProblems();
    toPage(args, problems);
    expect(problems.list.map((p) => p.field)).toEqual([field]);
  },
);
