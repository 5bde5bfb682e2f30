import type { Fix } from './types';

// A finding's `fixes` computed when first read (a code action, `--fix`, a report), not when the file is linted.

/** The computation behind each finding whose `fixes` has not been read yet. */
const pending = new WeakMap<object, () => Fix[]>();

function settle(owner: object, value: Fix[]): Fix[] {
  pending.delete(owner);
  Object.defineProperty(owner, 'fixes', { value, enumerable: true, configurable: true, writable: true });
  return value;
}

/**
 * One getter and setter for every lazy finding: objects built the same way then share their hidden class
 * (a closure per object would not). A spread or JSON copy of the finding reads the getter, so it copies the fixes.
 */
const LAZY: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: object) {
    const compute = pending.get(this);
    return settle(this, compute ? compute() : []);
  },
  set(this: object, value: Fix[]) {
    settle(this, value);
  },
};

/**
 * Gives `target` a `fixes` property computed by `compute` on first read, then an ordinary property (also when
 * assigned before it was read). `compute` must answer for the text the finding was reported on.
 */
export function lazyFixes(target: object, compute: () => Fix[]): void {
  pending.set(target, compute);
  Object.defineProperty(target, 'fixes', LAZY);
}

/** Whether the finding's fixes are still to be computed (reading them would compute them). */
export function fixesPending(finding: object): boolean {
  return pending.has(finding);
}
