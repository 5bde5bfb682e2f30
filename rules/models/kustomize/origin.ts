import type { SourceLocation } from '../helm/source-map';

/**
 * Where a node of the build came from. `writer` says what wrote it: a resource file or a patch (text copied
 * from that file), an overlay field (namespace, namePrefix, commonLabels, images…) or a generator — the
 * last two print as `action` spans, since their text is not in any file.
 */
export interface NodeOrigin extends SourceLocation {
  writer?: 'resource' | 'patch' | 'field' | 'generator';
}

/** The origin of a value an overlay field writes: the field's node in the kustomization file. */
export function fieldOrigin(location: SourceLocation | undefined, writer: 'field' | 'generator' = 'field'): NodeOrigin | undefined {
  return location ? { file: location.file, start: location.start, end: location.end, writer } : undefined;
}
