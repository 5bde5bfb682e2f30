/**
 * Go's complex128, only as a template constant (`1i`, `1+2i`): the value model has no complex kind and
 * Helm values never hold one, so it is a GoObject the evaluator knows how to test and print.
 */
import { formatFloat } from '../functions/go-strconv';
import { GoObject } from '../value';

export class GoComplex extends GoObject {
  constructor(
    readonly real: number,
    readonly imag: number,
  ) {
    super('complex128', new Map());
  }

  /** `%v`: `(1+2i)`. */
  override toString(): string {
    const imag = formatFloat(this.imag, 'g', -1);
    return `(${formatFloat(this.real, 'g', -1)}${/^[+-]/.test(imag) ? '' : '+'}${imag}i)`;
  }
}

/** The value of a complex or imaginary constant's text (`1.5i`, `1+7i`, `-2-0.5i`). */
export function parseComplex(text: string): GoComplex | undefined {
  const match = /^([+-]?[^+-]*?(?:[eEpP][+-]?[^+-]*)?)(?:([+-][^+-]*?(?:[eEpP][+-]?[^+-]*)?))?i$/.exec(text);
  if (!match) return undefined;
  const [real, imag] = match[2] === undefined ? ['0', match[1]] : [match[1], match[2]];
  const parse = (part: string): number => Number(part.replace(/_/g, ''));
  const re = parse(real);
  const im = parse(imag);
  return Number.isNaN(re) || Number.isNaN(im) ? undefined : new GoComplex(re, im);
}
