// Verifies a credential the way an outside verifier would, sharing no code with the platform:
// jose checks the compact JWS against the published key set (and nbf/exp/iss), ajv checks the
// payload against the Open Badges 3.0 JSON schema. Prints one JSON object.
// Usage: node verify.mjs <credential.jwt> <jwks.json> [<issuer>] [<schema.json>]
import { readFileSync } from 'node:fs';
import { jwtVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';

const [jwtFile, jwksFile, issuer, schemaFile] = process.argv.slice(2);
const jwt = readFileSync(jwtFile, 'utf8').trim();
const keys = createLocalJWKSet(JSON.parse(readFileSync(jwksFile, 'utf8')));
const result = { header: decodeProtectedHeader(jwt) };
try {
  const { payload } = await jwtVerify(jwt, keys, { algorithms: ['RS256', 'ES256'], issuer: issuer || undefined });
  result.signatureValid = true;
  result.payload = payload;
} catch (error) {
  result.signatureValid = false;
  result.error = error.code ?? String(error);
}

if (schemaFile && result.payload) {
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
  result.schemaValid = validate(result.payload);
  result.schemaErrors = validate.errors ?? [];
}

console.log(JSON.stringify(result));
