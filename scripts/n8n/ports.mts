import { createServer } from 'node:net';

// Asks the kernel for an unused port on 127.0.0.1. Another process could take it before
// n8n binds it; n8n then fails at boot and the caller sees that in the logs.
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => {
				if (address && typeof address === 'object') resolve(address.port);
				else reject(new Error('no port assigned'));
			});
		});
	});
}

/** Whether nothing listens on this port of 127.0.0.1 right now. */
export function portIsFree(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const server = createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}
