export interface ApiAnswer<T = any> {
	status: number;
	headers: Headers;
	body: T;
}

/** A JSON client for one platform API of the sandbox. */
export function client(baseUrl: string, apiKey?: string) {
	return async <T = any,>(
		method: string,
		path: string,
		body?: unknown,
		key = apiKey,
	): Promise<ApiAnswer<T>> => {
		const headers: Record<string, string> = {};
		if (key !== undefined) headers.authorization = `Bearer ${key}`;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const res = await fetch(baseUrl + path, {
			method,
			headers,
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		const text = await res.text();
		return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
	};
}

export async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!check()) {
		if (performance.now() > deadline) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 5));
	}
}
