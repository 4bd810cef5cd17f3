// Where the api handler's shared secret comes from. Today: env TOKEN; a later change moves it to
// SSM Parameter Store — only this function changes then (it is already async for that reason).

export async function readExpectedToken(): Promise<string | undefined> {
  const token = process.env['TOKEN'];
  return token === undefined || token === '' ? undefined : token;
}
