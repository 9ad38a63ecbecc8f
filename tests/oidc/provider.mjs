// A real OpenID provider for the tests (the `oidc-provider` npm package), started by
// csepathway/accounts/tests/oidc_provider.py. One JSON argument configures it:
//   {port, issuer, clients, accounts, idTokenTtl, kid}
// Its signing key is made fresh at each start, so two providers never share a key. There is no
// login form: the account that signs in next is chosen by GET /__test/sign-in-as?account=<id>, and
// the interaction finishes at once (login and consent), so a browser goes straight through.
import http from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const config = JSON.parse(process.argv[2]);
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), kid: config.kid || 'test-key', use: 'sig', alg: 'RS256' };
const accounts = config.accounts || {};
let nextAccount = null;

const provider = new Provider(config.issuer, {
  clients: config.clients,
  jwks: { keys: [jwk] },
  findAccount: async (ctx, id) => (accounts[id] ? {
    accountId: id,
    claims: async () => ({ sub: id, ...accounts[id] }),
  } : undefined),
  claims: {
    openid: ['sub', 'groups', 'oid'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name'],
  },
  // As Entra ID does: the user's claims in the ID token itself, not only from the userinfo endpoint.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  pkce: { methods: ['S256'], required: () => true },
  ttl: {
    IdToken: config.idTokenTtl || 3600, AccessToken: 600, AuthorizationCode: 60,
    Interaction: 600, Session: 600, Grant: 600,
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ['test-only-cookie-key'] },
});
provider.on('server_error', (ctx, error) => console.error('server_error', error));

const handle = provider.callback();
http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  try {
    if (url.pathname === '/__test/sign-in-as') {
      nextAccount = url.searchParams.get('account');
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    if (url.pathname.startsWith('/interaction/')) {
      const details = await provider.interactionDetails(req, res);
      const grant = new provider.Grant({ accountId: nextAccount, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, {
        login: { accountId: nextAccount, amr: ['pwd', 'mfa'] },
        consent: { grantId },
      }, { mergeWithLastSubmission: false });
      return;
    }
    handle(req, res);
  } catch (error) {
    console.error(error);
    res.writeHead(500).end(String(error));
  }
}).listen(config.port, '127.0.0.1', () => console.log(`listening ${config.port}`));
