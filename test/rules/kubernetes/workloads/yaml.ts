/**
 * `yaml` tagged template for readable cases: drops the first line break and the common indentation, so a
 * manifest can be written indented inside the test and still be linted with its real line and column numbers.
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((all, part, index) => all + part + (index < values.length ? String(values[index]) : ''), '');
  const lines = text.replace(/^\n/, '').replace(/\n[ \t]*$/, '\n').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length));
  return lines.map((line) => line.slice(indent)).join('\n');
}
