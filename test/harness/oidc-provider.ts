/**
 * A real OpenID Provider on 127.0.0.1: `oidc-provider` (panva's certified implementation) behind node:http on an
 * OS-chosen port, with one confidential client (client_secret_basic, authorization code + PKCE) and three
 * accounts whose `groups` claim (released with the `profile` scope, so it arrives through userinfo) says:
 * - `alice`: `console-admins`; `carol`: `helpdesk`; `dave`: `sales`.
 * Each password is `<name>-password`. The interaction (login and consent in one step) is a plain HTML form at
 * `/interaction/:uid`, which a browser fills in (Playwright) or a test posts to.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export const OP_CLIENT_ID = "certconsole";
export const OP_CLIENT_SECRET = "harness-client-secret-0123456789abcdef";

const ACCOUNTS: Record<string, { groups: string[]; email: string }> = {
  alice: { groups: ["console-admins"], email: "alice@lab.test" },
  carol: { groups: ["helpdesk"], email: "carol@lab.test" },
  dave: { groups: ["sales"], email: "dave@lab.test" },
};

export interface OidcTestProvider {
  /** `http://127.0.0.1:PORT` */
  issuer: string;
  stop(): Promise<void>;
}

const page = (uid: string, error = "") =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lab OpenID Provider</title></head><body><h1>Lab OpenID Provider</h1>${error ? `<p role="alert">${error}</p>` : ""}<form method="post" action="/interaction/${uid}"><label>Login <input name="login" autocomplete="username"></label><label>Password <input name="password" type="password" autocomplete="current-password"></label><button type="submit">Sign in</button></form></body></html>`;

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  let text = "";
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 10_000) break;
  }
  return new URLSearchParams(text);
}

/** Starts the provider; `redirectUris` are the console callback URLs the client may use. */
export async function startOidcProvider(options: { redirectUris: string[] }): Promise<OidcTestProvider> {
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: OP_CLIENT_ID, client_secret: OP_CLIENT_SECRET, redirect_uris: options.redirectUris, grant_types: ["authorization_code"], response_types: ["code"], token_endpoint_auth_method: "client_secret_basic" }],
    pkce: { required: () => true },
    claims: { openid: ["sub"], profile: ["preferred_username", "groups"], email: ["email"] },
    cookies: { keys: ["harness-cookie-key-0123456789"] },
    findAccount: (_ctx: unknown, id: string) => {
      const account = ACCOUNTS[id];
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, preferred_username: id, email: account.email, groups: account.groups }) };
    },
    features: { devInteractions: { enabled: false } },
    ttl: { AuthorizationCode: 60, Interaction: 600, Grant: 600, Session: 600, AccessToken: 600, IdToken: 600 },
  });
  const callback = provider.callback();
  handler = async (req, res) => {
    const interaction = /^\/interaction\/([\w-]+)$/.exec(req.url ?? "");
    if (!interaction) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method !== "POST") return res.writeHead(200, { "content-type": "text/html" }).end(page(details.uid));
      const form = await readForm(req);
      const login = form.get("login") ?? "";
      if (!ACCOUNTS[login] || form.get("password") !== `${login}-password`) return res.writeHead(200, { "content-type": "text/html" }).end(page(details.uid, "Wrong login or password."));
      const grant = new provider.Grant({ accountId: login, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId: login }, consent: { grantId } }, { mergeWithLastSubmission: false });
    } catch (error) {
      res.writeHead(400, { "content-type": "text/plain" }).end(`interaction failed: ${(error as Error).message}`);
    }
  };
  return {
    issuer,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
