export interface Request {
	query: URLSearchParams;
	/** The `{name}` segments of the route's path. */
	params: Record<string, string>;
	/** Parsed JSON; `undefined` when the body was empty. */
	body: unknown;
}

export interface Reply {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Runs once the answer is sent or the connection closed (NotMeta's challenge follows the create answer). */
	after?: () => void;
}

export type Handler = (req: Request) => Reply | Promise<Reply>;

interface Route {
	method: string;
	pattern: RegExp;
	names: string[];
	handler: Handler;
}

/** Paths like `/contacts/{id}`: each `{name}` matches one segment. */
export class Router {
	private readonly routes: Route[] = [];

	add(method: string, path: string, handler: Handler): this {
		const names: string[] = [];
		const source = path
			.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
			.replace(/\{(\w+)\}/g, (_, name: string) => {
				names.push(name);
				return '([^/]+)';
			});
		this.routes.push({ method, pattern: new RegExp(`^${source}$`), names, handler });
		return this;
	}

	/** `undefined` when no path matches; `'method'` when the path exists under another method. */
	match(
		method: string,
		path: string,
	): { handler: Handler; params: Record<string, string> } | 'method' | undefined {
		let pathMatched = false;
		for (const route of this.routes) {
			const m = route.pattern.exec(path);
			if (!m) continue;
			pathMatched = true;
			if (route.method !== method) continue;
			const params: Record<string, string> = {};
			route.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1])));
			return { handler: route.handler, params };
		}
		return pathMatched ? 'method' : undefined;
	}
}
