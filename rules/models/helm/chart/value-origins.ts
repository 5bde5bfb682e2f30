import type { GoMap, GoValue } from '../value';
import type { ValueOrigin } from '../source-map';

type Container = GoMap | GoValue[];

/**
 * Where each value of the coalesced `.Values` tree came from. Scalars have no identity in JavaScript, so the
 * origin of a scalar is kept on the map (or list) that holds it, by key (or index); a map or list also knows
 * its own origin. The coalescing code copies origins along with the entries it moves, so the values a template
 * reads point at the values file (or `--set` expression) that won.
 */
export class ValueOrigins {
  private readonly entries = new WeakMap<Container, Map<string | number, ValueOrigin>>();
  private readonly containers = new WeakMap<Container, ValueOrigin>();

  /** The origin of `container[key]` (a map key or a list index), if it came from a values file. */
  entry(container: Container, key: string | number): ValueOrigin | undefined {
    return this.entries.get(container)?.get(key);
  }

  /** The origin of a map or list itself. */
  of(value: GoValue): ValueOrigin | undefined {
    return isContainer(value) ? this.containers.get(value) : undefined;
  }

  setEntry(container: Container, key: string | number, origin: ValueOrigin | undefined): void {
    let byKey = this.entries.get(container);
    if (!origin) {
      byKey?.delete(key);
      return;
    }
    if (!byKey) this.entries.set(container, (byKey = new Map()));
    byKey.set(key, origin);
    const value = container instanceof Map ? container.get(key as string) : container[key as number];
    if (isContainer(value) && !this.containers.has(value)) this.containers.set(value, origin);
  }

  setContainer(container: Container, origin: ValueOrigin | undefined): void {
    if (origin) this.containers.set(container, origin);
  }

  /** Copies every entry origin of `from` onto `to` (a shallow copy of the same container). */
  copyEntries(from: Container, to: Container): void {
    const byKey = this.entries.get(from);
    if (byKey) this.entries.set(to, new Map(byKey));
    const self = this.containers.get(from);
    if (self) this.containers.set(to, self);
  }
}

export function isContainer(value: GoValue | undefined): value is Container {
  return value instanceof Map || Array.isArray(value);
}
