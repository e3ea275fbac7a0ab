// A real OpenID Connect provider for the console's sign-in tests: panva's certified oidc-provider
// with its built-in development login and consent pages (any password is accepted), one static
// confidential client, PKCE required, and signing keys made fresh at every start.
//
// Environment: OIDC_PORT, OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI and
// OIDC_ACCOUNTS (JSON: login -> extra claims such as {"role":"company","org":"farm-a"}).
// Prints "oidc-provider listening on <issuer>" once it accepts requests.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

// oidc-provider is installed next to this script's working directory, not next to the script
const require = createRequire(path.join(process.cwd(), 'package.json'));
const { default: Provider } = await import(pathToFileURL(require.resolve('oidc-provider')).href);

const env = (name) => {
  const v = process.env[name];
  if (!v) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return v;
};
const issuer = env('OIDC_ISSUER');
const accounts = JSON.parse(env('OIDC_ACCOUNTS'));

const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
key.kid = randomBytes(8).toString('hex');
key.use = 'sig';
key.alg = 'RS256';

const provider = new Provider(issuer, {
  clients: [{
    client_id: env('OIDC_CLIENT_ID'),
    client_secret: env('OIDC_CLIENT_SECRET'),
    redirect_uris: [env('OIDC_REDIRECT_URI')],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  jwks: { keys: [key] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  pkce: { required: () => true },
  // the console reads role and organisation from the ID token, as an identity provider's mapper
  // would put them there; without this they would only be in the userinfo answer
  conformIdTokenClaims: false,
  claims: {
    openid: ['sub', 'role', 'org'],
    profile: ['name', 'preferred_username'],
    email: ['email'],
  },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    const extra = accounts[id] ?? {};
    return {
      accountId: id,
      async claims() {
        return { sub: id, preferred_username: id, name: extra.name ?? id, ...extra };
      },
    };
  },
});
provider.on('server_error', (ctx, err) => console.error('server_error', err));

const server = provider.listen(Number(env('OIDC_PORT')), '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
