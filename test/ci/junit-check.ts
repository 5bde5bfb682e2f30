/**
 * Our own check of JUnit XML against the common schema CI servers read (Jenkins/Ant junit-10.xsd): a
 * `testsuites` root of `testsuite` elements (name, tests), each of `testcase` elements (name, classname)
 * holding at most one `failure`/`error`/`skipped`; `tests`/`failures` that agree with the cases; well-formed
 * XML (balanced tags, quoted attributes, only the five entities or character references). No XML library.
 */
interface Element {
  name: string;
  attributes: Record<string, string>;
  children: string[];
  failures: number;
}

const ALLOWED_CHILDREN: Record<string, string[]> = {
  testsuites: ['testsuite'],
  testsuite: ['testcase', 'properties', 'system-out', 'system-err'],
  testcase: ['failure', 'error', 'skipped', 'system-out', 'system-err'],
};
const BAD_ENTITY = /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

export function junitSchemaErrors(xml: string): string[] {
  const errors: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: Element[] = [];
  const tokens = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.:-]*="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let root: string | undefined;
  let token: RegExpExecArray | null;

  const close = (element: Element, parent: Element | undefined): void => {
    for (const child of element.children) if (ALLOWED_CHILDREN[element.name] && !ALLOWED_CHILDREN[element.name].includes(child)) errors.push(`<${child}> inside <${element.name}>`);
    const need = (...names: string[]) => names.forEach((name) => element.attributes[name] === undefined && errors.push(`<${element.name}> without ${name}`));
    if (element.name === 'testcase') {
      need('name', 'classname');
      if (element.children.filter((child) => ['failure', 'error', 'skipped'].includes(child)).length > 1) errors.push('<testcase> with more than one result');
      if (parent?.name !== 'testsuite') errors.push('<testcase> outside a <testsuite>');
    }
    if (element.name === 'testsuite') {
      need('name', 'tests');
      const cases = element.children.filter((child) => child === 'testcase').length;
      if (Number(element.attributes.tests) !== cases) errors.push(`suite ${element.attributes.name}: tests="${element.attributes.tests}" but ${cases} test cases`);
      if (element.attributes.failures !== undefined && Number(element.attributes.failures) !== element.failures) errors.push(`suite ${element.attributes.name}: failures="${element.attributes.failures}" but ${element.failures}`);
    }
    if (parent && (element.name === 'failure' || element.name === 'testcase')) parent.failures += element.name === 'failure' ? 1 : element.failures;
  };

  while ((token = tokens.exec(body))) {
    const [, closing, name, attributeText, selfClosing, text, stray] = token;
    if (stray) {
      errors.push(`stray "<" at ${token.index}`);
      continue;
    }
    if (text !== undefined) {
      if (BAD_ENTITY.test(text)) errors.push(`bad entity in text near ${token.index}`);
      if (text.trim() && stack.length === 0) errors.push('text outside the root element');
      continue;
    }
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) errors.push(`</${name}> closes ${open ? `<${open.name}>` : 'nothing'}`);
      else close(open, stack[stack.length - 1]);
      continue;
    }
    const attributes = Object.fromEntries([...attributeText.matchAll(/([A-Za-z_][\w.:-]*)="([^"]*)"/g)].map((match) => [match[1], match[2]]));
    if (Object.values(attributes).some((value) => BAD_ENTITY.test(value))) errors.push(`bad entity in an attribute of <${name}>`);
    const parent = stack[stack.length - 1];
    if (!parent) {
      if (root !== undefined) errors.push('more than one root element');
      root = name;
      if (name !== 'testsuites') errors.push(`root is <${name}>, not <testsuites>`);
    } else parent.children.push(name);
    const element: Element = { name, attributes, children: [], failures: 0 };
    if (selfClosing) close(element, parent);
    else stack.push(element);
  }
  if (stack.length > 0) errors.push(`unclosed <${stack[stack.length - 1].name}>`);
  if (root === undefined) errors.push('no root element');
  return errors;
}
