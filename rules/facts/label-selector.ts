import type { LabelSelector } from './file-facts';

/** A label selector (`matchLabels` and `matchExpressions`, ANDed) against a set of labels; `{}` selects all. */
export function selectsLabels(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  if (!Object.entries(selector.matchLabels).every(([key, value]) => labels[key] === value)) return false;
  return selector.matchExpressions.every(({ key, operator, values }) => {
    switch (operator) {
      case 'In':
        return key in labels && values.includes(labels[key]);
      case 'NotIn':
        return !(key in labels) || !values.includes(labels[key]);
      case 'Exists':
        return key in labels;
      case 'DoesNotExist':
        return !(key in labels);
      default:
        return false; // an operator the API server rejects selects nothing
    }
  });
}
