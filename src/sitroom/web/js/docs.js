// The API reference, rendered from the server's own OpenAPI description (no third-party viewer).
import { clear, h } from "./dom.js";

function schemaText(s, spec) {
  if (!s) return "";
  if (s.$ref) return s.$ref.split("/").pop();
  if (s.anyOf) return s.anyOf.map((x) => schemaText(x, spec)).join(" | ");
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  let t = s.type || "";
  if (t === "array") t = `array of ${schemaText(s.items, spec)}`;
  const limits = [];
  for (const k of ["minimum", "maximum", "exclusiveMinimum", "maxLength", "pattern"]) if (s[k] !== undefined) limits.push(`${k} ${s[k]}`);
  return t + (limits.length ? ` (${limits.join(", ")})` : "") + (s.default !== undefined ? ` = ${JSON.stringify(s.default)}` : "");
}

async function main() {
  const root = document.getElementById("docs");
  const spec = await (await fetch("/api/v1/openapi.json")).json();
  clear(root);
  root.append(h("h1", {}, `${spec.info.title} API ${spec.info.version}`), h("p", {}, spec.info.description || ""),
    h("p", {}, "Writes (PATCH, POST) need Authorization: Bearer TOKEN. Machine-readable: ",
      h("a", { href: "/api/v1/openapi.json" }, "/api/v1/openapi.json"), "."));
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const sec = h("section", { class: "endpoint" }, h("h2", {}, h("code", { class: `method m-${method}` }, method.toUpperCase()), " ", h("code", {}, path)),
        h("p", {}, op.summary || ""));
      const params = op.parameters || [];
      if (params.length) {
        sec.append(h("table", {}, h("thead", {}, h("tr", {}, ["Parameter", "In", "Type", "Description"].map((c) => h("th", {}, c)))),
          h("tbody", {}, params.map((p) => h("tr", {}, h("td", {}, h("code", {}, p.name), p.required ? " *" : ""), h("td", {}, p.in),
            h("td", {}, schemaText(p.schema, spec)), h("td", {}, p.description || (p.schema && p.schema.description) || ""))))));
      }
      const body = op.requestBody && op.requestBody.content && op.requestBody.content["application/json"];
      if (body) {
        const name = schemaText(body.schema, spec);
        const model = spec.components.schemas[name];
        sec.append(h("h3", {}, `Body: ${name}`));
        if (model && model.properties) {
          sec.append(h("table", {}, h("tbody", {}, Object.entries(model.properties).map(([k, s]) => h("tr", {},
            h("td", {}, h("code", {}, k), (model.required || []).includes(k) ? " *" : ""), h("td", {}, schemaText(s, spec)),
            h("td", {}, s.description || "")))))); 
        }
      }
      root.append(sec);
    }
  }
}

main().catch((err) => {
  document.getElementById("docs").textContent = "Could not load the API description: " + err.message;
});
