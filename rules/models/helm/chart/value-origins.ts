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
  /** Containers whose entry map is shared with the container they were copied from (copy on write). */
  private readonly borrowed = new WeakSet<Container>();

  /** @param fallback read-only origins of values shared between renders (cached values files). */
  constructor(private readonly fallback?: ValueOrigins) {}

  /** The origin of `container[key]` (a map key or a list index), if it came from a values file. */
  entry(container: Container, key: string | number): ValueOrigin | undefined {
    return this.entriesOf(container)?.get(key);
  }

  /** The origin of a map or list itself. */
  of(value: GoValue): ValueOrigin | undefined {
    return isContainer(value) ? (this.containers.get(value) ?? this.fallback?.of(value)) : undefined;
  }

  private entriesOf(container: Container): Map<string | number, ValueOrigin> | undefined {
    return this.entries.get(container) ?? this.fallback?.entriesOf(container);
  }

  setEntry(container: Container, key: string | number, origin: ValueOrigin | undefined): void {
    let byKey = this.entries.get(container);
    if (!byKey && this.fallback?.entriesOf(container)) {
      this.entries.set(container, (byKey = this.fallback.entriesOf(container)!));
      this.borrowed.add(container);
    }
    if (!origin) {
      if (byKey?.has(key)) {
        if (this.borrowed.has(container)) this.entries.set(container, (byKey = new Map(byKey)));
        this.borrowed.delete(container);
        byKey.delete(key);
      }
      return;
    }
    if (!byKey) {
      this.entries.set(container, (byKey = new Map()));
    } else if (this.borrowed.has(container)) {
      this.entries.set(container, (byKey = new Map(byKey)));
      this.borrowed.delete(container);
    }
    byKey.set(key, origin);
    const value = container instanceof Map ? container.get(key as string) : container[key as number];
    if (isContainer(value) && !this.of(value)) this.containers.set(value, origin);
  }

  setContainer(container: Container, origin: ValueOrigin | undefined): void {
    if (origin) this.containers.set(container, origin);
  }

  /**
   * Copies every entry origin of `from` onto `to` (a shallow copy of the same container). `source`: the origins
   * `from` is known to, when it belongs to another tree (a remembered render's values, values-memo.ts).
   */
  copyEntries(from: Container, to: Container, source: ValueOrigins = this): void {
    const byKey = source.entriesOf(from);
    if (byKey) {
      // Shared until either side changes: copies are frequent (Helm deep-copies values at every coalesce).
      this.entries.set(to, byKey);
      this.borrowed.add(to);
      source.borrowed.add(from);
    }
    const self = source.of(from);
    if (self) this.containers.set(to, self);
  }
}

export function isContainer(value: GoValue | undefined): value is Container {
  return value instanceof Map || Array.isArray(value);
}

/** For passes whose result is only read (conditions, tags): copying origins there would be wasted work. */
export class DiscardedOrigins extends ValueOrigins {
  override setEntry(): void {}
  override setContainer(): void {}
  override copyEntries(): void {}
}
