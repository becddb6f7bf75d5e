import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

/**
 * Answers the request itself, as text, and tells n8n not to answer again or start a run.
 * Written with the plain `http.ServerResponse` methods, which every n8n version provides.
 */
export function answer(res: Response, status: number, text: string): IWebhookResponseData {
	res.statusCode = status;
	res.setHeader('Content-Type', 'text/plain; charset=utf-8');
	res.setHeader('Cache-Control', 'no-store');
	res.end(text);
	return { noWebhookResponse: true };
}
