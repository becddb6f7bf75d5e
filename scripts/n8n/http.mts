export interface JsonRequest {
	method?: string;
	headers?: Record<string, string>;
	body?: unknown;
}

export async function requestJson<T>(url: string, request: JsonRequest = {}): Promise<{ body: T; response: Response }> {
	const response = await fetch(url, {
		method: request.method ?? 'GET',
		headers: {
			accept: 'application/json',
			...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
			...request.headers,
		},
		body: request.body === undefined ? undefined : JSON.stringify(request.body),
	});
	const text = await response.text();
	if (!response.ok) {
		throw new Error(`${request.method ?? 'GET'} ${url} answered ${response.status}: ${text.slice(0, 500)}`);
	}
	return { body: (text ? JSON.parse(text) : undefined) as T, response };
}
