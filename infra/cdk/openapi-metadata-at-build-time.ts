/**
 * What the Lambda bundles get for `@asteasolutions/zod-to-openapi` (esbuild `alias`, set in
 * ./bundling-options.ts), which `@hono/zod-openapi` uses to record each schema's `.openapi(...)`
 * metadata and each route, and to generate the document from them.
 *
 * The document is generated at build time, from the same route definitions run unbundled
 * (./openapi-asset.ts), and served as a file; no function generates one. At run time the metadata is
 * written and never read, and the library pays for it at import: each `.openapi(...)` call builds a
 * new copy of the schema it is called on (a whole zod schema construction, ~175 calls when the
 * directory function loads). Here `.openapi(...)` returns its schema unchanged, the registry keeps
 * nothing, and generating a document throws, so a function that tried would fail loudly rather than
 * serve an empty one. Validation is zod's and does not change: tests/integration/lambda-handler.test.ts
 * runs on the bundle.
 */

/** The prototype method `.openapi(...)`: metadata is for the document, which is built elsewhere. */
export function extendZodWithOpenApi(zod: { ZodType: { prototype: object } }): void {
  const prototype = zod.ZodType.prototype as { openapi?: unknown };
  if (prototype.openapi !== undefined) return;
  prototype.openapi = function openapi(this: unknown) {
    return this;
  };
}

/** No schema carries metadata in a bundle. */
export function getOpenApiMetadata(): Record<string, never> {
  return {};
}

/** Routes and components are registered for the document only; a bundle keeps none of them. */
export class OpenAPIRegistry {
  readonly definitions: readonly never[] = [];

  registerPath(): void {}

  registerComponent(): void {}

  registerWebhook(): void {}

  register<T>(_refId: string, schema: T): T {
    return schema;
  }

  registerParameter<T>(_refId: string, schema: T): T {
    return schema;
  }
}

class DocumentBuiltAtBuildTime {
  constructor() {
    throw new Error(
      'The OpenAPI document is generated at build time (infra/cdk/openapi-asset.ts), not in a Lambda function.',
    );
  }
}

export { DocumentBuiltAtBuildTime as OpenApiGeneratorV3, DocumentBuiltAtBuildTime as OpenApiGeneratorV31 };
