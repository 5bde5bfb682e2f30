/** Where a rule's documentation page lives: in the repository, in the VSIX, and on the web. */
export const DOCS_BASE_URL = 'https://github.com/stridelint/stridelint/blob/main/';

/** `dockerfile/no-root-user` → `docs/rules/dockerfile/no-root-user.md`. */
export function ruleDocsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

export function ruleDocsUrl(ruleId: string): string {
  return DOCS_BASE_URL + ruleDocsPath(ruleId);
}
