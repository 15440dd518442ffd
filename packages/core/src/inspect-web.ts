/**
 * The browser build of inspect.ts (swapped in by the package's `imports` "browser" condition): browsers have no
 * `util.inspect`, so nothing is defined. `JSON.stringify` of a client shows the same summary everywhere.
 */
export function inspectAs(_target: object, _label: string, _view: object): void {}
