// Validates the Kubernetes manifests of k8s/ offline (docs/kubernetes.md#validation), as CI runs it:
//   (cd k8s/validate && npm ci) && node k8s/validate/validate.mjs
// 1. renders the base and every overlay with `kubectl kustomize`;
// 2. checks each object against its schema from kubernetes-models (Kubernetes) and @kubernetes-models/keda (KEDA's
//    ScaledObject and TriggerAuthentication): types, required fields, enums;
// 3. checks that no object has a field its type does not know: those schemas let unknown fields through (so does the
//    API server without strict field validation, which drops them silently), so every object is also compiled by
//    TypeScript against the same packages' type declarations, where an unknown field is an error;
// 4. checks what the manifests must keep true of the rest of the repository: the copies of docker/'s files are the
//    same, and each pod stops later than a worker's shutdown grace.
// Exits 1 naming every problem.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import * as core from "kubernetes-models/v1";
import * as apps from "kubernetes-models/apps/v1";
import * as policy from "kubernetes-models/policy/v1";
import * as keda from "@kubernetes-models/keda/keda.sh/v1alpha1";

const here = dirname(fileURLToPath(import.meta.url));
const k8s = dirname(here);
const root = dirname(k8s);

// Every kind the manifests may hold: its model (runtime schema) and its type declaration (fields).
const kinds = {
  "v1/ConfigMap": [core.ConfigMap, "kubernetes-models/v1/ConfigMap", "IConfigMap"],
  "v1/Namespace": [core.Namespace, "kubernetes-models/v1/Namespace", "INamespace"],
  "v1/Secret": [core.Secret, "kubernetes-models/v1/Secret", "ISecret"],
  "v1/Service": [core.Service, "kubernetes-models/v1/Service", "IService"],
  "apps/v1/Deployment": [apps.Deployment, "kubernetes-models/apps/v1/Deployment", "IDeployment"],
  "policy/v1/PodDisruptionBudget": [
    policy.PodDisruptionBudget,
    "kubernetes-models/policy/v1/PodDisruptionBudget",
    "IPodDisruptionBudget",
  ],
  "keda.sh/v1alpha1/ScaledObject": [
    keda.ScaledObject,
    "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject",
    "IScaledObject",
  ],
  "keda.sh/v1alpha1/TriggerAuthentication": [
    keda.TriggerAuthentication,
    "@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication",
    "ITriggerAuthentication",
  ],
};

const problems = [];

function render(dir) {
  const yaml = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return parseAllDocuments(yaml).map((document) => {
    if (document.errors.length > 0) {
      throw new Error(`${dir}: ${document.errors.join("; ")}`);
    }
    return document.toJS();
  });
}

const builds = ["base", ...readdirSync(join(k8s, "overlays")).map((overlay) => `overlays/${overlay}`)];
const objects = [];
for (const build of builds) {
  for (const object of render(join(k8s, build))) {
    objects.push({ build, object, name: `${build}: ${object.kind}/${object.metadata?.name}` });
  }
}

// 2. The schemas.
for (const { object, name } of objects) {
  const kind = kinds[`${object.apiVersion}/${object.kind}`];
  if (!kind) {
    problems.push(`${name}: no schema for ${object.apiVersion} ${object.kind}; add it to k8s/validate/validate.mjs`);
    continue;
  }
  try {
    new kind[0](object).validate();
  } catch (error) {
    problems.push(`${name}: ${error.message}`);
  }
}

// 3. Unknown fields: each object as an object literal of its type, whose excess properties TypeScript refuses. The file
// lies beside node_modules, where TypeScript finds the declarations.
{
  const lines = [];
  objects.forEach(({ object, name }, index) => {
    const kind = kinds[`${object.apiVersion}/${object.kind}`];
    if (kind) {
      lines.push(`// ${name}`);
      lines.push(`export const o${index}: import(${JSON.stringify(kind[1])}).${kind[2]} = ${JSON.stringify(object)};`);
    }
  });
  const source = join(here, `.objects-${process.pid}.ts`);
  writeFileSync(source, lines.join("\n") + "\n");
  try {
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    execFileSync(
      process.execPath,
      [tsc, "--noEmit", "--strict", "--skipLibCheck", "--module", "nodenext", "--target", "es2022", source],
      { cwd: here, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
  } catch (error) {
    // tsc names the line; the comment above it names the object.
    for (const message of `${error.stdout}${error.stderr}`.split("\n").filter((line) => line.includes("error TS"))) {
      const line = Number(/\((\d+),\d+\)/.exec(message)?.[1]);
      problems.push(`${lines[line - 2]?.slice(3) ?? "?"}: ${message.replace(/^.*error /, "")}`);
    }
    if (!problems.length) {
      problems.push(`tsc failed: ${error.stdout}${error.stderr}`);
    }
  } finally {
    rmSync(source, { force: true });
  }
}

// 4. What the manifests must keep true of the rest of the repository.
for (const table of ["initial_filtration", "final_selections"]) {
  const copy = `k8s/base/flyway/${table}/afterMigrate.sql`;
  const original = `docker/mysql/flyway/${table}/afterMigrate.sql`;
  if (readFileSync(join(root, copy), "utf8") !== readFileSync(join(root, original), "utf8")) {
    problems.push(`${copy} differs from ${original}: copy it again`);
  }
}
const envFile = (path) =>
  new Map(
    readFileSync(join(root, path), "utf8")
      .split("\n")
      .filter((line) => /^[A-Z0-9_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
const devEnv = envFile("docker/dev.env");
for (const [key, value] of envFile("k8s/overlays/dev/dev-secrets.env")) {
  if (devEnv.has(key) && devEnv.get(key) !== value) {
    problems.push(`k8s/overlays/dev/dev-secrets.env: ${key} differs from docker/dev.env's`);
  }
}
// The worker's grace, from its default in task-contracts (split.bus.worker.shutdown-grace).
const settings = "task-contracts/src/main/java/com/split/tasks/bus/worker/WorkerSettings.java";
const grace = /@DefaultValue\("(\d+)s"\) Duration shutdownGrace/.exec(readFileSync(join(root, settings), "utf8"));
if (!grace) {
  problems.push(`${settings}: found no @DefaultValue("<n>s") Duration shutdownGrace; update k8s/validate/validate.mjs`);
}
for (const { object, name } of objects.filter(({ object }) => object.kind === "Deployment")) {
  const pod = object.spec.template.spec;
  const stop = pod.terminationGracePeriodSeconds ?? 30;
  const sleep = Number(pod.containers[0].lifecycle?.preStop?.exec?.command?.[1] ?? 0);
  if (grace && stop <= sleep + Number(grace[1])) {
    problems.push(
      `${name}: terminationGracePeriodSeconds ${stop} must exceed the preStop sleep (${sleep} s) and the worker's ` +
        `shutdown grace (${grace[1]} s)`,
    );
  }
}

if (problems.length) {
  console.error(`k8s: ${problems.length} problem(s) in the manifests:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`k8s: ${objects.length} objects of ${builds.join(", ")} valid, KEDA's ScaledObjects included`);
