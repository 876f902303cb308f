// Where the console's bearer token comes from.
//
// A TokenSource is any object with:
//   token(): Promise<string|null>   the token to send now (an OpenID Connect source refreshes it here)
//   signIn(input): Promise<void>    what the sign-in form gives (a pasted token for this source)
//   signOut(): void                 forget the token
//   claims(): object|null           the token's claims, for display only (never trusted: the server decides)
//   interactive: boolean            whether the console shows the paste form
//
// PastedTokenSource is the development source: an agent pastes a token (`./parley token --roles agent`),
// kept in sessionStorage, so it lives as long as this tab and is never shared with other tabs or
// written to disk by a "remember me". An OpenID Connect login (authorization code + PKCE against the
// company's identity provider) is a second implementation of the same five members; console.js only
// talks to the interface.

const KEY = 'parley.console.token';

function storage() {
  try {
    return window.sessionStorage;
  } catch (error) {
    return null; // storage disabled: the token then lives in memory only
  }
}

/** The payload of a JWT, decoded without verification (display only). */
export function decodeClaims(token) {
  try {
    const part = token.split('.')[1];
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' ? claims : null;
  } catch (error) {
    return null;
  }
}

export class PastedTokenSource {
  constructor() {
    this.store = storage();
    this.memory = null;
    this.interactive = true;
  }

  async token() {
    return this.store ? this.store.getItem(KEY) : this.memory;
  }

  async signIn(input) {
    const token = String(input || '').trim().replace(/^Bearer\s+/i, '');
    if (!token) throw new Error('Paste a bearer token first.');
    if (/\s/.test(token)) throw new Error('A token has no spaces or line breaks: paste exactly what `./parley token` printed.');
    if (this.store) this.store.setItem(KEY, token);
    else this.memory = token;
  }

  signOut() {
    if (this.store) this.store.removeItem(KEY);
    this.memory = null;
  }

  claims() {
    const token = this.store ? this.store.getItem(KEY) : this.memory;
    return token ? decodeClaims(token) : null;
  }
}
