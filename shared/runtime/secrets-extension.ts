/**
 * Reads a Secrets Manager secret through the AWS Parameters and Secrets Lambda extension (a layer
 * listening on localhost:2773) instead of bundling the Secrets Manager client: it keeps the
 * function bundle small, and the extension caches the value across invocations.
 */
export async function secretFromExtension(secretId: string): Promise<string> {
  const port = process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? '2773';
  const response = await fetch(
    `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`,
    { headers: { 'X-Aws-Parameters-Secrets-Token': process.env.AWS_SESSION_TOKEN ?? '' } },
  );
  if (!response.ok) throw new Error(`The secrets extension answered ${response.status}.`);
  const body = (await response.json()) as { SecretString?: string };
  if (!body.SecretString) throw new Error('The signing secret has no string value.');
  return body.SecretString;
}
