import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importCircles, importGraph, reachable } from '../helpers/import-graph';

// Compiled tests live in dist-test/test/engine; the sources are three folders up.
const RULES = join(__dirname, '..', '..', '..', 'rules');
const graph = importGraph(RULES);

describe('import arrows of the engine (issue 18)', () => {
  it('the scan sees the engine and the registry', () => {
    assert.ok(graph.has(join('engine', 'lint.ts')) && graph.has('index.ts'), `scanned ${graph.size} modules under ${RULES}`);
    assert.ok(reachable(graph, 'index.ts').has(join('compose', 'no-privileged.ts')), 'the registry reaches the rules: the scan follows imports');
  });

  it('no module of the engine reaches the rule registry: callers hand it the rules', () => {
    const offenders = [...graph.keys()].filter((module) => module.startsWith(`engine${'/'}`) && reachable(graph, module).has('index.ts'));
    assert.deepEqual(offenders, []);
  });

  it('the facts module sits below engine/rule.ts and the models: it imports neither', () => {
    for (const module of [...graph.keys()].filter((name) => name.startsWith('facts/'))) {
      const below = reachable(graph, module);
      assert.ok(!below.has(join('engine', 'rule.ts')) && !below.has(join('models', 'index.ts')) && !below.has(join('models', 'daemon.ts')), `${module} reaches up`);
    }
  });

  it('engine/rule.ts, models/index.ts and the facts are in no import circle', () => {
    // models/daemon.ts still shares a type-only circle with the dockerd-flags view (daemon-view.ts), which is not the facts' doing.
    const involved = importCircles(graph).filter((circle) => circle.some((module) => [join('engine', 'rule.ts'), join('models', 'index.ts')].includes(module) || module.startsWith('facts/')));
    assert.deepEqual(involved, []);
    assert.ok(!reachable(graph, join('models', 'daemon.ts')).has(join('engine', 'rule.ts')), 'models/daemon.ts no longer reaches engine/rule.ts');
  });
});
