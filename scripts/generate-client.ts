// `npm run generate:client`: regenerates src/client/openapi.ts from Roster's OpenAPI document.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { clientOpenApiDocument } from "../src/client/openapi-document.ts";

export const CLIENT_TYPES_FILE = fileURLToPath(
  new URL("../src/client/openapi.ts", import.meta.url),
);

const HEADER = `// Types of Roster's API, generated from its OpenAPI document by openapi-typescript.
// Do not edit: run \`npm run generate:client\` after changing a route's schema.
`;

export async function renderClientTypes(): Promise<string> {
  const ast = await openapiTS((await clientOpenApiDocument()) as never, { alphabetize: true });
  return `${HEADER}\n${astToString(ast)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(CLIENT_TYPES_FILE, await renderClientTypes());
  process.stdout.write(`wrote ${CLIENT_TYPES_FILE}\n`);
}
