// JSON over fetch for the pages: problem+json errors become ApiError with the server's own sentence.

export class ApiError extends Error {
  constructor(status, problem) {
    super(ApiError.describe(status, problem));
    this.status = status;
    this.problem = problem;
  }

  static describe(status, problem) {
    if (status === 0) return 'The service cannot be reached. Check your connection and try again.';
    const detail = problem && (problem.detail || problem.title);
    const fields = problem && Array.isArray(problem.errors)
      ? problem.errors.map((e) => [e.field, e.message].filter(Boolean).join(' ')).filter(Boolean)
      : [];
    const text = detail || `The service answered ${status}.`;
    return fields.length ? `${text} (${fields.join('; ')})` : text;
  }
}

/** A random key for Idempotency-Key: a retried send is stored once. */
export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * @param {string} method
 * @param {string} path absolute path of the API (`/api/v1/...`)
 * @param {object} [options]
 * @param {object} [options.body] sent as JSON
 * @param {string} [options.token] bearer token
 * @param {string} [options.idempotencyKey]
 * @returns {Promise<any>} the JSON answer, or null for 204
 */
export async function request(method, path, options = {}) {
  const headers = { Accept: 'application/json' };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let body;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body, cache: 'no-store', credentials: 'omit' });
  } catch (error) {
    throw new ApiError(0, null);
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  const json = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}
