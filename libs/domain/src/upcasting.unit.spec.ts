import { upcastEvent, type Upcaster } from './upcasting';

const steps: Upcaster[] = [
  { type: 'A', change: 'x became y', applies: (d) => 'x' in d, upcast: (d) => ({ type: 'A', data: { y: d.x } }) },
  { type: 'A', change: 'renamed B', applies: () => true, upcast: (d) => ({ type: 'B', data: d }) },
  { type: 'B', change: 'z added', applies: (d) => !('z' in d), upcast: (d) => ({ type: 'B', data: { ...d, z: 0 } }) },
];

describe('upcastEvent', () => {
  it.each([
    [{ type: 'A', data: { x: 1 } }, { type: 'B', data: { y: 1, z: 0 } }],
    [{ type: 'A', data: { y: 2 } }, { type: 'B', data: { y: 2, z: 0 } }],
    [{ type: 'B', data: { y: 3 } }, { type: 'B', data: { y: 3, z: 0 } }],
    [{ type: 'B', data: { y: 4, z: 9 } }, { type: 'B', data: { y: 4, z: 9 } }],
    [{ type: 'C', data: { x: 5 } }, { type: 'C', data: { x: 5 } }],
  ])('runs every step that applies, oldest first: %j is %j', (stored, current) => {
    expect(upcastEvent(steps, stored)).toEqual(current);
  });
});
