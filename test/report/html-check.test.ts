import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkHtml } from './html-check';

const page = (body: string, head = '<title>t</title>') => `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>\n`;
const messages = (html: string) => checkHtml(html).map((problem) => problem.message);

describe('the report’s HTML checker', () => {
  it('accepts a well-formed, self-contained page with inline SVG and local links', () => {
    assert.deepEqual(messages(page('<p>a &amp; b &lt;c&gt; &#39;d&#39;<br></p><svg viewBox="0 0 1 1"><a href="#x"><rect x="0"/><text>1<title>one</title></text></a></svg>', '<title>A &amp; B</title><style>a{color:red}</style>')), []);
  });

  it('rejects unbalanced and misnested tags', () => {
    const html = page('<div><p>x</div></p>');
    assert.deepEqual(messages(html), [`</div> closes <p> opened at ${html.indexOf('<p>')}`, `</p> closes <div> opened at ${html.indexOf('<div>')}`]);
    const unclosed = page('<section><p>x</p>');
    assert.ok(messages(unclosed).includes(`</body> closes <section> opened at ${unclosed.indexOf('<section>')}`));
    assert.ok(messages('<!DOCTYPE html>\n<html><body><p>x</p>').includes('<body> is never closed'));
    assert.ok(messages(page('<div/>')).includes('<div/> self-closes outside SVG'));
  });

  it('rejects scripts, event handlers and remote resources', () => {
    assert.ok(messages(page('<script>1</script>')).includes('<script> is not allowed'));
    assert.ok(messages(page('<p onclick="x()">a</p>')).includes('<p> has an event handler (onclick)'));
    assert.ok(messages(page('<img src="https://example.com/a.png">')).some((message) => message.includes('refers to a remote resource')));
    assert.ok(messages(page('<a href="//cdn.example.com/x">x</a>')).some((message) => message.includes('refers to a remote resource')));
    assert.ok(messages(page('', '<style>body{background:url(https://x/y.png)}</style>')).includes('CSS loads a resource (url() or @import)'));
  });

  it('rejects unescaped text, unquoted attributes and a second <html>', () => {
    assert.ok(messages(page('<p>a < b</p>')).some((message) => message.startsWith('malformed tag') || message.startsWith('raw "<"')));
    assert.ok(messages(page('<p>a > b</p>')).includes('raw ">" in text'));
    assert.ok(messages(page('<p>fish & chips</p>')).includes('raw "&" in text'));
    assert.ok(messages(page('<p class=x>a</p>')).some((message) => message.startsWith('malformed tag')));
    assert.ok(messages(`${page('')}<html></html>`).includes('2 <html> elements, expected one'));
    assert.ok(messages('<html></html>').includes('missing <!DOCTYPE html> on the first line'));
  });
});
