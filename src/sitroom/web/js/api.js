// The one place the workspace talks to the server: same origin, JSON, errors as exceptions.

const API = "/api/v1";
const TOKEN_KEY = "sitroom-token";

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function url(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
  }
  const s = q.toString();
  return API + path + (s ? "?" + s : "");
}

async function parse(resp) {
  let body = null;
  try {
    body = await resp.json();
  } catch (_) {
    body = null;
  }
  if (!resp.ok) {
    const err = (body && body.error) || {};
    throw new ApiError(resp.status, err.code || "http_" + resp.status, err.message || resp.statusText);
  }
  return body;
}

export async function get(path, params = {}) {
  return parse(await fetch(url(path, params), { credentials: "same-origin", headers: { Accept: "application/json" } }));
}

export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || "";
}

export function setToken(value) {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export async function send(method, path, body) {
  const resp = await fetch(url(path), {
    method,
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: "Bearer " + token() },
    body: JSON.stringify(body),
  });
  return parse(resp);
}

let configPromise = null;
export function config() {
  if (!configPromise) configPromise = get("/config");
  return configPromise;
}
