// HMAC-SHA256 hex digests computed by Python's hmac module: an implementation independent of
// node:crypto and of nodes/trigger/signature.ts, so a bug shared by our signing and verifying
// cannot hide.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

export interface HmacInput {
	secret: string;
	body: Buffer;
	/** Sign Python's compact re-serialization of the body instead of its bytes. */
	compact?: boolean;
}

const PYTHON_HMAC = `
import sys, json, hmac, hashlib, base64
out = []
for item in json.load(sys.stdin):
    body = base64.b64decode(item["body"])
    if item.get("compact"):
        body = json.dumps(json.loads(body), separators=(",", ":"), ensure_ascii=False).encode()
    out.append(hmac.new(item["secret"].encode(), body, hashlib.sha256).hexdigest())
print(json.dumps(out))
`;

const run = promisify(execFile);

function input(items: HmacInput[]): string {
	return JSON.stringify(
		items.map((i) => ({ secret: i.secret, body: i.body.toString('base64'), compact: i.compact })),
	);
}

/** One Python process for many digests: the sandbox tests check bursts of deliveries. */
export async function pythonHmac(items: HmacInput[]): Promise<string[]> {
	const child = run('python3', ['-c', PYTHON_HMAC], { encoding: 'utf8' });
	child.child.stdin?.end(input(items));
	const { stdout } = await child;
	return JSON.parse(stdout) as string[];
}

/** One digest, synchronously, for the vectors of tests that build their inputs inline. */
export function pythonHmacSync(body: Buffer, secret: string): string {
	const stdout = execFileSync('python3', ['-c', PYTHON_HMAC], {
		input: input([{ secret, body }]),
		encoding: 'utf8',
	});
	return (JSON.parse(stdout) as string[])[0] as string;
}
