import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { parseAllDocuments } from 'yaml';

/**
 * infra/k8s rendered as `kubectl apply -k` would (the kustomization's resources, its namespace,
 * labels and image), then every object validated against the Kubernetes API schemas that the npm
 * package kubernetes-models ships (compiled from the API's OpenAPI definitions with ajv).
 */
const DIR = join(import.meta.dirname, '..', 'infra', 'k8s');
const SERVICES = ['worker-profile', 'employer', 'matching', 'training', 'placement', 'gateway'];

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  [k: string]: unknown;
}
interface Container {
  name: string;
  image: string;
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  readinessProbe?: { httpGet?: { path: string } };
  livenessProbe?: { httpGet?: { path: string } };
}

async function render(): Promise<K8sObject[]> {
  const kustomization = parseAllDocuments(await readFile(join(DIR, 'kustomization.yaml'), 'utf8'))[0]!.toJS() as {
    namespace: string;
    labels: { pairs: Record<string, string> }[];
    images: { name: string; newName: string; newTag: string }[];
    resources: string[];
  };
  const objects: K8sObject[] = [];
  for (const file of kustomization.resources) {
    for (const doc of parseAllDocuments(await readFile(join(DIR, file), 'utf8'))) {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0]!.message}`);
      const o = doc.toJS() as K8sObject | null;
      if (!o) continue;
      if (o.kind !== 'Namespace') o.metadata.namespace = kustomization.namespace;
      for (const { pairs } of kustomization.labels) o.metadata.labels = { ...o.metadata.labels, ...pairs };
      for (const c of containersOf(o)) {
        const image = kustomization.images.find((i) => i.name === c.image);
        if (image) c.image = `${image.newName}:${image.newTag}`;
      }
      objects.push(o);
    }
  }
  return objects;
}

function containersOf(o: K8sObject): Container[] {
  const spec = o.spec as { template?: { spec?: { containers?: Container[] } } } | undefined;
  return spec?.template?.spec?.containers ?? [];
}

/** kubernetes-models' module of a kind: `kubernetes-models/<group>/<version>/<Kind>` (core: `v1`). */
async function validator(o: K8sObject): Promise<(data: unknown) => void> {
  const mod = (await import(`kubernetes-models/${o.apiVersion}/${o.kind}`)) as Record<
    string,
    new (data: unknown) => { validate(): void }
  >;
  const Model = mod[o.kind];
  if (!Model) throw new Error(`no schema for ${o.apiVersion} ${o.kind}`);
  return (data) => new Model(data).validate();
}

t.test('the schemas catch a broken object', async (t) => {
  const validate = await validator({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' } });
  t.throws(() =>
    validate({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x' },
      spec: { replicas: 'two', selector: {}, template: {} },
    }),
  );
});

t.test('infra/k8s renders and every object is valid', async (t) => {
  const objects = await render();
  for (const o of objects) {
    const validate = await validator(o);
    t.doesNotThrow(() => validate(o), `${o.kind} ${o.metadata.name} is valid`);
  }
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  const named = (kind: string, name: string) => of(kind).find((o) => o.metadata.name === name);

  const config = named('ConfigMap', 'tongxin-config')!;
  const secrets = new Map(of('Secret').map((s) => [s.metadata.name, { ...s.data, ...s.stringData }]));
  for (const service of SERVICES) {
    const deployment = named('Deployment', service);
    t.ok(deployment, `${service}: a Deployment`);
    if (!deployment) continue;
    const [c] = containersOf(deployment);
    t.equal(c?.readinessProbe?.httpGet?.path, '/ready', `${service}: readiness on /ready`);
    t.equal(c?.livenessProbe?.httpGet?.path, '/health', `${service}: liveness on /health`);
    t.ok(c?.resources?.requests?.memory && c.resources.limits?.memory, `${service}: memory requested and limited`);
    t.ok(c?.resources?.requests?.cpu, `${service}: cpu requested`);
    t.equal(c?.image, 'registry.example/tongxin:1.0.0', `${service}: the kustomization's image`);
    t.same(
      c?.env?.filter((e) => e.name === 'SERVICE').map((e) => e.value),
      [service],
    );
    // Every key it takes from a Secret exists there; nothing secret sits in the ConfigMap.
    for (const e of c?.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef;
      if (ref) t.ok(secrets.get(ref.name)?.[ref.key] !== undefined, `${service}: ${ref.name}/${ref.key} exists`);
    }
    t.ok(named('Service', service), `${service}: a Service`);
    const pdb = named('PodDisruptionBudget', service);
    t.same(
      (pdb?.spec as { selector?: unknown } | undefined)?.selector,
      (deployment.spec as { selector: unknown }).selector,
      `${service}: a PodDisruptionBudget over its pods`,
    );
  }
  t.notOk(
    Object.keys(config.data ?? {}).some((k) => /SECRET|KEY|PASSWORD|DATABASE_URL/.test(k)),
    'no secret in the ConfigMap',
  );
  const matching = containersOf(named('Deployment', 'matching')!)[0]!;
  t.notOk(
    matching.env?.some((e) => e.name === 'MEILI_MASTER_KEY'),
    'matching gets its own Meilisearch key, not the master key',
  );
  t.match(
    matching.resources?.limits?.memory,
    /^(7[0-9]{2}|[89][0-9]{2}|1[0-9]{3})Mi$|^[1-9]Gi$/,
    'matching has room above its ~400 MiB at county size',
  );

  const hpa = named('HorizontalPodAutoscaler', 'gateway');
  t.match(hpa?.spec, { scaleTargetRef: { kind: 'Deployment', name: 'gateway' } }, 'gateway: autoscaled');
  // Matching's in-memory read model must see every event of its topics, which pods sharing its
  // consumer groups would split between them (ADR 0024): one pod, never two at once.
  t.notOk(
    of('HorizontalPodAutoscaler').some(
      (h) => (h.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name === 'matching',
    ),
    'matching: not autoscaled',
  );
  t.match(
    named('Deployment', 'matching')!.spec,
    { replicas: 1, strategy: { type: 'Recreate' } },
    'matching: one pod, replaced by Recreate',
  );
  t.match(named('PodDisruptionBudget', 'matching')!.spec, { maxUnavailable: 1 }, 'matching: a drain may move its pod');
  const job = named('Job', 'tongxin-migrate');
  t.same(
    containersOf(job!)[0]?.env?.find((e) => e.name === 'SERVICE')?.value,
    'migrate',
    'the migrations run as a Job',
  );
  t.ok(
    objects.filter((o) => o.kind !== 'Namespace').every((o) => o.metadata.namespace === 'tongxin'),
    'everything in the namespace',
  );
});
