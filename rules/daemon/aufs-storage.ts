import { defineRule } from '../engine/rule';
import { nodeSpan, stringSetting } from '../models/daemon';
import { cisDocker } from '../models/daemon-checks';
import { setKeyFix } from '../models/daemon-edit';

/** Storage drivers removed from the Engine: aufs and overlay in 24.0, devicemapper in 25.0. */
const REMOVED: Record<string, string> = { aufs: '24.0', overlay: '24.0', devicemapper: '25.0' };

export default defineRule({
  meta: {
    id: 'daemon/aufs-storage',
    kind: 'daemon',
    title: 'Use a supported storage driver',
    stride: 'denial-of-service',
    severity: 'warning',
    fix: 'suggest',
    description:
      'The `aufs`, `overlay` and `devicemapper` storage drivers are unmaintained and were removed from the Engine (aufs and overlay in 24.0, devicemapper in 25.0): an old daemon runs on a driver with known kernel issues, a current one cannot load its storage and no container starts.',
    remediation: 'Use `"storage-driver": "overlay2"`. Images and containers of the old driver are not migrated: export what you need first.',
    references: cisDocker('2.6', '2.5'),
    examples: {
      invalid: [{ code: '{\n  "storage-driver": "aufs"\n}\n' }],
      valid: [{ code: '{\n  "storage-driver": "overlay2"\n}\n' }],
    },
  },
  check(context) {
    if (context.model.windows) return; // the key itself is invalid there: daemon/unknown-key says so
    const driver = stringSetting(context.model, 'storage-driver');
    const removedIn = driver === undefined ? undefined : REMOVED[driver.toLowerCase()];
    if (!removedIn) return;
    context.report({
      span: nodeSpan(context.model.members.get('storage-driver')!.value),
      message: `Storage driver "${driver}" is unmaintained and was removed in Engine ${removedIn}, so a current dockerd cannot load its storage.`,
      fixes: setKeyFix(context.model, 'storage-driver', 'overlay2', 'Switch to `"storage-driver": "overlay2"`', false),
    });
  },
});
