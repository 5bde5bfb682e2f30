import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, LineIndex } from '../../rules/engine';
import { controlPlaneOf, lookupFlag, setFlag, type FlagSource } from '../../rules/models/control-plane';
import { parseKubernetes } from '../../rules/models/kubernetes';

function sourcesOf(text: string): FlagSource[] {
  const { model } = parseKubernetes({ text, path: 'x.yaml' });
  return controlPlaneOf(model!, text).sources;
}

function flagsOf(text: string): string[] {
  return sourcesOf(text).flatMap((source) => source.flags.map((flag) => `${source.component} ${flag.name}=${flag.value} (${flag.form})`));
}

/** Applies one span edit, as a fix would. */
function edit(text: string, change: { start: number; end: number; newText: string } | undefined): string {
  assert.ok(change, 'an edit');
  const lines = new LineIndex(text);
  return applyEdits(text, [{ range: lines.rangeOf(change), newText: change.newText }]);
}

const pod = (container: string): string => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n${container}`;

describe('control-plane model: which container is which component', () => {
  it('by the basename of command[0], by hyperkube sub-command, by image when there is no command', () => {
    assert.deepEqual(sourcesOf(pod('  - name: a\n    command: [/usr/local/bin/kube-apiserver]\n')).map((source) => source.component), ['kube-apiserver']);
    assert.deepEqual(sourcesOf(pod('  - name: a\n    command: [/hyperkube, scheduler, --profiling=false]\n')).map((source) => source.component), ['kube-scheduler']);
    assert.deepEqual(sourcesOf(pod('  - name: a\n    image: k8s.gcr.io/etcd-amd64:3.2.18@sha256:abc\n')).map((source) => source.component), ['etcd']);
  });

  it('by the component label only when nothing else tells and the container matches it', () => {
    const labelled = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {component: kube-scheduler}\nspec:\n  containers:\n  - name: ${name}\n    image: example.com/sched:1\n  - name: sidecar\n    image: example.com/log:1\n`;
    assert.deepEqual(sourcesOf(labelled('kube-scheduler')).map((source) => source.component), ['kube-scheduler']);
    assert.deepEqual(sourcesOf(labelled('other')).map((source) => source.component), []);
  });

  it('ignores shells and unrelated programs, and custom kinds that embed a pod spec are read too', () => {
    assert.deepEqual(sourcesOf(pod('  - name: a\n    command: [sh, -c, "kube-apiserver --anonymous-auth=true"]\n')), []);
    const knative = 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: s}\nspec:\n  template:\n    spec:\n      containers:\n      - image: x\n        command: [kube-apiserver]\n';
    assert.deepEqual(sourcesOf(knative).map((source) => source.component), ['kube-apiserver']);
  });
});

describe('control-plane model: flags in every form', () => {
  it('reads `=`, two-item, bare and one-dash forms from command[1:] then args, in order', () => {
    const text = pod('  - name: a\n    command: [kube-apiserver, --a=1, -b=2]\n    args:\n    - --c\n    - "3"\n    - --profiling\n    - --d=x=y\n    - positional\n');
    assert.deepEqual(flagsOf(text), [
      'kube-apiserver a=1 (equals)',
      'kube-apiserver b=2 (equals)',
      'kube-apiserver c=3 (separate)',
      'kube-apiserver profiling=true (bare)',
      'kube-apiserver d=x=y (equals)',
    ]);
  });

  it('does not let a boolean flag swallow the next item', () => {
    assert.deepEqual(flagsOf(pod('  - name: a\n    command: [etcd, --client-cert-auth, "false"]\n')), ['etcd client-cert-auth=true (bare)']);
  });

  it('the last occurrence wins; etcd environment variables come before (and lose to) flags', () => {
    const text = pod('  - name: a\n    command: [etcd, --client-cert-auth=false, --client-cert-auth=true]\n    env:\n    - {name: ETCD_CLIENT_CERT_AUTH, value: "false"}\n    - {name: ETCD_PEER_AUTO_TLS, value: "true"}\n    - {name: OTHER, value: "1"}\n');
    const [source] = sourcesOf(text);
    assert.equal(lookupFlag(source, 'client-cert-auth')?.value, 'true');
    assert.equal(lookupFlag(source, 'peer-auto-tls')?.flag?.form, 'env');
    assert.equal(lookupFlag(source, 'other'), undefined);
  });

  it('reads kubeadm extraArgs in the map and the list form, and kubeadm\'s own defaults when absent', () => {
    const map = 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\napiServer:\n  extraArgs:\n    anonymous-auth: "false"\n';
    const list = 'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\napiServer:\n  extraArgs:\n  - name: anonymous-auth\n    value: "false"\n';
    for (const text of [map, list]) {
      const sources = sourcesOf(text);
      assert.deepEqual(sources.map((source) => source.component), ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd']);
      assert.equal(lookupFlag(sources[0], 'anonymous-auth')?.value, 'false');
      assert.deepEqual(lookupFlag(sources[0], 'authorization-mode'), { value: 'Node,RBAC' }, 'kubeadm writes Node,RBAC');
      assert.equal(lookupFlag(sources[0], 'profiling'), undefined, 'kubeadm leaves --profiling to the component default');
    }
  });

  it('never throws on odd input', () => {
    for (const text of [pod('  - name: a\n    command: [kube-apiserver, {x: 1}, [--y], null, 12]\n'), pod('  - command: kube-apiserver\n'), 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\napiServer: 3\netcd: {local: [1]}\n']) {
      assert.doesNotThrow(() => sourcesOf(text));
    }
  });
});

describe('control-plane model: edits keep the style they find', () => {
  it('sets a flag in place and adds a missing one after the last item (block, flow, quoted)', () => {
    const block = pod('  - name: a\n    command:\n    - kube-apiserver\n    - "--anonymous-auth=true"  # keep\n');
    const [source] = sourcesOf(block);
    assert.equal(edit(block, setFlag(source, 'anonymous-auth', 'false')), block.replace('"--anonymous-auth=true"', '"--anonymous-auth=false"'));
    assert.equal(edit(block, setFlag(source, 'profiling', 'false')), `${block}    - "--profiling=false"\n`);
    const flow = pod("  - name: a\n    args: ['--x=1']\n    image: registry.k8s.io/kube-apiserver:v1.31.0\n");
    assert.equal(edit(flow, setFlag(sourcesOf(flow)[0], 'profiling', 'false')), flow.replace("['--x=1']", "['--x=1', '--profiling=false']"));
  });

  it('quotes kubeadm map values that YAML would read as booleans or numbers', () => {
    const text = 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\napiServer:\n  extraArgs:\n    audit-log-path: /var/log/audit.log\n';
    assert.equal(edit(text, setFlag(sourcesOf(text)[0], 'audit-log-maxage', '30')), `${text}    audit-log-maxage: "30"\n`);
  });
});
