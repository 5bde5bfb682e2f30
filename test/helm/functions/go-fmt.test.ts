import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatValue, sprint, sprintf, sprintln } from '../../../rules/models/helm/functions/go-fmt';
import { formatFloat, quoteString } from '../../../rules/models/helm/functions/go-strconv';
import { GoObject, type GoValue } from '../../../rules/models/helm/value';

const map = (entries: Record<string, GoValue>) => new Map(Object.entries(entries));

describe('go-fmt: Sprintf as Go prints it', () => {
  const cases: [string, GoValue[], string][] = [
    ['%d', [5n], '5'],
    ['%5d|%-5d|%05d', [42n, 42n, 42n], '   42|42   |00042'],
    ['%x %#x %X %o %#o %b %O', [255n, 255n, 255n, 8n, 8n, 5n, 8n], 'ff 0xff FF 10 010 101 0o10'],
    ['%+d % d %+d', [5n, 5n, -5n], '+5  5 -5'],
    ['%.3d|%.0d|%3.0d', [7n, 0n, 0n], '007||   '],
    ['%d', ['x'], '%!d(string=x)'],
    ['%s', [1n], '%!s(int=1)'],
    ['%d', [true], '%!d(bool=true)'],
    ['%d', [1.5], '%!d(float64=1.5)'],
    ['%d %d', [1n], '1 %!d(MISSING)'],
    ['%d', [1n, 2n, 'a'], '1%!(EXTRA int=2, string=a)'],
    ['%d', [1n, null], '1%!(EXTRA <nil>)'],
    ['%v %d', [null, null], '<nil> %!d(<nil>)'],
    ['%v|%s', [map({ b: 2n, a: 1n }), map({ a: 1n })], 'map[a:1 b:2]|map[a:%!s(int=1)]'],
    ['%v', [[1n, 'a', null, 1.5]], '[1 a <nil> 1.5]'],
    ['%d', [['a', 1n]], '[%!d(string=a) 1]'],
    ['%v', [map({ m: map({ x: [true] }) })], 'map[m:map[x:[true]]]'],
    ['%f|%.2f|%8.3f|%-8.1f|', [3.14159, 3.14159, 3.14159, 3.14159], '3.141590|3.14|   3.142|3.1     |'],
    ['%6.2f|%06.2f|%+.1f|% .1f', [-1.5, -1.5, 1.5, 1.5], ' -1.50|-01.50|+1.5| 1.5'],
    ['%.0f %.0f %.1f %.1f %.1f %.2f', [2.5, 3.5, 0.25, 0.05, 0.35, 2.675], '2 4 0.2 0.1 0.3 2.67'],
    ['%e %E %.2e %g %G %.3g %.3g', [1234.5678, 1234.5678, 0.000123, 1e21, 1e-7, 1234.0, 1.0], '1.234568e+03 1.234568E+03 1.23e-04 1e+21 1E-07 1.23e+03 1'],
    ['%f', [1e22], '10000000000000000000000.000000'],
    ['%5.1f|%5v|%-5v|', [Infinity, NaN, -Infinity], ' +Inf|  NaN|-Inf |'],
    ['%t %v %5t', [true, false, true], 'true false  true'],
    ['%q %#q %+q %q', ['a"b\n', 'ab', 'é', 'é\x01'], '"a\\"b\\n" `ab` "\\u00e9" "é\\x01"'],
    ['%x|% x|%#x|% #X|%X', ['hi', 'hi', 'hi', 'hi', 'é'], '6869|68 69|0x6869|0X68 0X69|C3A9'],
    ['%s|%x|%v|%q', [new Uint8Array([104, 105]), new Uint8Array([1, 255]), new Uint8Array([1, 2]), new Uint8Array([104])], 'hi|01ff|[1 2]|"h"'],
    ['%c%c %q %U %#U', [72n, 0x1f600n, 65n, 0x1f600n, 65n], "H😀 'A' U+1F600 U+0041 'A'"],
    ['%5.1s|%-4s|%.2s|%05s', ['abc', 'ab', 'héllo', 'ab'], '    a|ab  |hé|000ab'],
    ['%T %T %T %T %T %T %T', [null, true, 1.5, 1n, 'x', [], map({})], '<nil> bool float64 int string []interface {} map[string]interface {}'],
    ['%[2]d %[1]d', [1n, 2n], '2 1'],
    ['%[3]d', [1n, 2n], '%!d(BADINDEX)'],
    ['%*d|%-*d|%.*f', [4n, 7n, 3n, 7n, 1n, 2.25], '   7|7  |2.2'],
    ['%*d', ['x', 7n], '%!(BADWIDTH)7'],
    ['100%% %', [], '100% %!(NOVERB)'],
    ['%!', [], '%!!(MISSING)'],
    ['%z', [1n], '%!z(int=1)'],
    ['%v|%+v', [new GoObject('chart.Metadata', map({ Name: 'x', Version: '1.0' })), new GoObject('*chart.Metadata', map({ Name: 'x' }))], '{x 1.0}|&{Name:x}'],
    ['%#v %#v %#v', ['a', [1n, 'b'], map({ k: 'v' })], '"a" []interface {}{1, "b"} map[string]interface {}{"k":"v"}'],
  ];
  for (const [format, args, expected] of cases) {
    it(`${JSON.stringify(format)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(sprintf(format, args), expected);
    });
  }
});

describe('go-fmt: %v of float64 is strconv.FormatFloat(f, g, -1, 64)', () => {
  const cases: [number, string][] = [
    [1000000, '1e+06'],
    [100000, '100000'],
    [123456789, '1.23456789e+08'],
    [12345678, '1.2345678e+07'],
    [0.1, '0.1'],
    [1e-7, '1e-07'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [3, '3'],
    [-0, '-0'],
    [1e20, '1e+20'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [0.30000000000000004, '0.30000000000000004'],
    [2.5, '2.5'],
  ];
  for (const [value, expected] of cases) {
    it(`${value} → ${expected}`, () => assert.equal(formatValue(value), expected));
  }
  it('formats e/f/g with precisions half-to-even on the exact binary value', () => {
    assert.equal(formatFloat(0.125, 'f', 2), '0.12');
    assert.equal(formatFloat(0.375, 'f', 2), '0.38');
    assert.equal(formatFloat(9.995, 'f', 2), '9.99');
    assert.equal(formatFloat(99.5, 'f', 0), '100');
    assert.equal(formatFloat(0, 'e', -1), '0e+00');
    assert.equal(formatFloat(0, 'e', 3), '0.000e+00');
    assert.equal(formatFloat(123456, 'g', 3), '1.23e+05');
    assert.equal(formatFloat(100, 'g', 3), '100');
    assert.equal(formatFloat(0.0001234, 'g', 2), '0.00012');
  });
});

describe('go-fmt: Sprint and Sprintln', () => {
  it('puts a space between operands only when neither is a string', () => {
    assert.equal(sprint(['a', 1n, 2n, 'b', true, null]), 'a1 2btrue <nil>');
    assert.equal(sprint([1n, 2n]), '1 2');
    assert.equal(sprint(['a', 'b']), 'ab');
    assert.equal(sprint([]), '');
  });
  it('Sprintln separates every operand and ends the line', () => {
    assert.equal(sprintln(['a', 'b', 1n]), 'a b 1\n');
  });
  it('strconv.Quote escapes like Go', () => {
    assert.equal(quoteString('tab\there\u0000\u007f\u2028'), '"tab\\there\\x00\\x7f\\u2028"');
  });
});
