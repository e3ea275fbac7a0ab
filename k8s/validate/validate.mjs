// Validates rendered Kubernetes manifests offline.
//   node validate.mjs NAME=FILE.yaml [NAME=FILE.yaml ...]
// Two checks per object:
//  1. the JSON schema of its apiVersion/kind (kubernetes-models: types, required fields, enums);
//     an apiVersion/kind it does not know is an error;
//  2. no unknown fields, like `kubectl apply --validate=strict` (the field lists of the generated
//     models of @kubernetes/client-node), because JSON schema 1. accepts extra properties.
// Prints one line per error (overlay, kind/name, path, message) and exits 1 if any.
import fs from "node:fs";
import yaml from "js-yaml";
import * as k8s from "@kubernetes/client-node";

const problems = [];
let objects = 0;

function modelPath(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  if (!/^[A-Za-z0-9]+$/.test(kind) || !/^v\d+((alpha|beta)\d+)?$/.test(version ?? "")) return null;
  if (group !== null && !/^[a-z0-9.-]+$/.test(group)) return null;
  return `kubernetes-models/${group ?? ""}${group ? "/" : ""}${version}/${kind}`;
}

// client-node model class for a kind: V1Deployment, V2HorizontalPodAutoscaler, ...
function rootModel(apiVersion, kind) {
  const version = apiVersion.split("/").pop();
  const name = version[0].toUpperCase() + version.slice(1) + kind;
  return typeof k8s[name]?.getAttributeTypeMap === "function" ? name : null;
}

const PRIMITIVE = new Set(["string", "number", "boolean", "Date", "any", "object", "IntOrString"]);

function checkUnknown(value, type, path, report) {
  if (value === null || value === undefined) return;
  let m;
  if ((m = /^Array<(.+)>$/.exec(type))) {
    if (Array.isArray(value)) value.forEach((v, i) => checkUnknown(v, m[1], `${path}/${i}`, report));
    return;
  }
  if ((m = /^\{ \[key: string\]: (.+); \}$/.exec(type))) {
    if (typeof value === "object" && !Array.isArray(value))
      for (const [k, v] of Object.entries(value)) checkUnknown(v, m[1], `${path}/${k}`, report);
    return;
  }
  if (PRIMITIVE.has(type)) return;
  const cls = k8s[type];
  if (typeof cls?.getAttributeTypeMap !== "function") return; // not a model we can see into
  if (typeof value !== "object" || Array.isArray(value)) return; // wrong type: the schema check says so
  const attrs = new Map(cls.getAttributeTypeMap().map((a) => [a.baseName, a.type]));
  for (const [k, v] of Object.entries(value)) {
    if (!attrs.has(k)) report(`${path}/${k}`, `unknown field "${k}" (not in ${type})`);
    else checkUnknown(v, attrs.get(k), `${path}/${k}`, report);
  }
}

for (const arg of process.argv.slice(2)) {
  const eq = arg.indexOf("=");
  const [label, file] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, arg];
  let docs;
  try {
    docs = yaml.loadAll(fs.readFileSync(file, "utf8"));
  } catch (e) {
    problems.push(`${label}: YAML: ${e.message}`);
    continue;
  }
  for (const obj of docs) {
    if (obj === null || obj === undefined) continue;
    objects++;
    const kind = obj?.kind, apiVersion = obj?.apiVersion, name = obj?.metadata?.name ?? "(no name)";
    const where = `${label}: ${kind ?? "(no kind)"}/${name}`;
    const report = (path, msg) => problems.push(`${where}: ${path || "/"}: ${msg}`);
    if (typeof kind !== "string" || typeof apiVersion !== "string") {
      report("", "apiVersion and kind are required");
      continue;
    }
    const mp = modelPath(apiVersion, kind);
    let Model = null;
    if (mp) {
      try {
        Model = (await import(mp))[kind];
      } catch {
        Model = null;
      }
    }
    if (typeof Model !== "function") {
      report("", `unknown apiVersion/kind ${apiVersion} ${kind}`);
      continue;
    }
    try {
      new Model(obj).validate();
    } catch (e) {
      const errs = Array.isArray(e?.errors) && e.errors.length ? e.errors : null;
      if (errs) for (const x of errs) report(x.instancePath, `${x.message ?? x.keyword}${x.params ? " " + JSON.stringify(x.params) : ""}`);
      else report("", String(e?.message ?? e));
    }
    const root = rootModel(apiVersion, kind);
    if (root) checkUnknown(obj, root, "", report);
    else report("", `no field list for ${apiVersion} ${kind}: unknown-field check impossible`);
  }
}

for (const p of problems) console.error(`INVALID ${p}`);
console.log(`${objects} objects checked, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
