// Editor-latency inputs built from realistic pieces: a 2,000-line multi-document Kubernetes manifest
// (Deployments, Services, Roles, RoleBindings, a ConfigMap) and a 300-line compose file, plus the edits
// (value toggles at known lines) that change what a security linter reports.

function deployment(i) {
  return `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  namespace: shop
  labels:
    app: web-${i}
    tier: frontend
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web-${i}
  template:
    metadata:
      labels:
        app: web-${i}
    spec:
      serviceAccountName: web-${i}
      containers:
        - name: web
          image: registry.example.com/shop/web:1.${i}.0
          ports:
            - containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: info
            - name: DB_HOST
              value: db.shop.svc
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              cpu: 500m
              memory: 256Mi
          securityContext:
            privileged: false
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            runAsNonRoot: true
          livenessProbe:
            httpGet:
              path: /healthz
              port: 8080
`;
}

function service(i) {
  return `---
apiVersion: v1
kind: Service
metadata:
  name: web-${i}
  namespace: shop
spec:
  selector:
    app: web-${i}
  ports:
    - name: http
      port: 80
      targetPort: 8080
`;
}

function role(i) {
  return `---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: web-${i}-reader
  namespace: shop
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: web-${i}-reader
  namespace: shop
subjects:
  - kind: ServiceAccount
    name: web-${i}
    namespace: shop
roleRef:
  kind: Role
  name: web-${i}-reader
  apiGroup: rbac.authorization.k8s.io
`;
}

function composeService(i) {
  return `  svc-${i}:
    image: registry.example.com/app/svc-${i}:2.${i}
    restart: unless-stopped
    privileged: false
    read_only: true
    user: "1000:1000"
    environment:
      LOG_LEVEL: info
      PORT: "80${String(i).padStart(2, '0')}"
    ports:
      - "127.0.0.1:80${String(i).padStart(2, '0')}:8080"
    volumes:
      - data-${i}:/var/lib/app
    networks:
      - backend
    healthcheck:
      test: ["CMD", "wget", "-qO-", "http://localhost:8080/healthz"]
      interval: 30s
      timeout: 5s
      retries: 3
    deploy:
      resources:
        limits:
          cpus: "0.50"
          memory: 256M
`;
}

/** Pads `text` with the lines of a final section until it has exactly `lines` lines. */
function padTo(text, lines, header, entry) {
  let out = text + header;
  let count = out.split('\n').length - 1;
  for (let i = 0; count < lines; i++, count++) out += entry(i);
  return out;
}

/** Toggles: every line holding `from`/`to` at the end of a `key:`; the benchmark flips them in turn. */
function togglesOf(text, patterns) {
  const toggles = [];
  text.split('\n').forEach((line, index) => {
    for (const [key, a, b] of patterns) {
      const at = line.indexOf(`${key} ${a}`);
      if (at >= 0) toggles.push({ line: index, character: at + key.length + 1, values: [a, b], current: 0 });
    }
  });
  return toggles;
}

export function kubernetesManifest(lines = 2000) {
  let text = '';
  for (let i = 0; ; i++) {
    const group = deployment(i) + service(i) + role(i);
    if ((text + group).split('\n').length - 1 > lines - 8) break;
    text += group;
  }
  text = padTo(text, lines, '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-settings\n  namespace: shop\ndata:\n', (i) => `  setting_${i}: "value-${i}"\n`);
  // Even edits grant every verb on a Role (RBAC wildcard) and back; odd edits make a container privileged and back.
  return { text, toggles: togglesOf(text, [['verbs:', '["get"]', '["*"]'], ['privileged:', 'false', 'true']]) };
}

export function composeFile(lines = 300) {
  let text = 'name: shop\nservices:\n';
  for (let i = 0; ; i++) {
    const piece = composeService(i);
    if ((text + piece).split('\n').length - 1 > lines - 12) break;
    text += piece;
  }
  text += 'networks:\n  backend:\n    internal: true\nvolumes:\n';
  text = padTo(text, lines, '', (i) => `  data-${i}:\n`);
  return { text, toggles: togglesOf(text, [['privileged:', 'false', 'true'], ['read_only:', 'true', 'false']]) };
}

/**
 * The edit sequence: edit n flips toggle (n mod 2) of the pair picked by n, alternating the two kinds of
 * toggle, so consecutive versions differ in what they report. Returns LSP incremental changes and the texts.
 */
export function editSequence({ text, toggles }, count) {
  const kinds = [toggles.filter((t) => t.values[0] === toggles[0].values[0]), toggles.filter((t) => t.values[0] !== toggles[0].values[0])].filter((list) => list.length > 0);
  const lines = text.split('\n');
  const edits = [];
  for (let n = 0; n < count; n++) {
    const list = kinds[n % kinds.length];
    const toggle = list[Math.floor(n / (2 * kinds.length)) % list.length];
    const from = toggle.values[toggle.current];
    toggle.current = 1 - toggle.current;
    const to = toggle.values[toggle.current];
    const line = lines[toggle.line];
    lines[toggle.line] = line.slice(0, toggle.character) + to + line.slice(toggle.character + from.length);
    edits.push({
      change: { range: { start: { line: toggle.line, character: toggle.character }, end: { line: toggle.line, character: toggle.character + from.length } }, text: to },
      text: lines.join('\n'),
    });
  }
  for (const toggle of toggles) toggle.current = 0;
  return edits;
}
