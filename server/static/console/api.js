// The console's HTTP calls (docs/console-protocol.md) with the session token.
// Never keeps the token anywhere but sessionStorage; never retries an action by itself.

const TOKEN_KEY = "hotline.console.token";
const USER_KEY = "hotline.console.user";

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
  }
}

export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  get user() {
    try { return JSON.parse(sessionStorage.getItem(USER_KEY) || "null"); } catch { return null; }
  },
  save(token, user) {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(USER_KEY, JSON.stringify(user));
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
  },
};

async function request(method, path, body) {
  const headers = { Accept: "application/json" };
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    let detail = "";
    try { detail = (await response.json()).detail; } catch { /* not JSON */ }
    throw new ApiError(response.status, typeof detail === "string" ? detail : "");
  }
  return response;
}

export async function login(username, password) {
  const response = await request("POST", "/api/login", { username, password });
  return response.json();
}

export async function logout() {
  try { await request("POST", "/api/logout"); } finally { session.clear(); }
}

export async function callDetail(callId) {
  return (await request("GET", `/api/calls/${encodeURIComponent(callId)}`)).json();
}

export async function recordingBlob(callId, speaker = "caller") {
  const query = speaker === "caller" ? "" : `?speaker=${encodeURIComponent(speaker)}`;
  return (await request("GET", `/api/calls/${encodeURIComponent(callId)}/recording${query}`)).blob();
}

export async function act(callId, action, body) {
  const path = `/api/calls/${encodeURIComponent(callId)}/${action}`;
  return (await request("POST", path, body)).json();
}

export async function voice(callId, offer) {
  const path = `/api/calls/${encodeURIComponent(callId)}/voice`;
  return (await request("POST", path, offer)).json();
}

export async function units() {
  return (await request("GET", "/api/units")).json();
}

export async function setUnitStatus(unitId, status) {
  const path = `/api/units/${encodeURIComponent(unitId)}/status`;
  return (await request("POST", path, { status })).json();
}
