import { ApiError } from './errors.mts';
import type { Router } from './router.mts';
import { objectBody } from './validate.mts';

/** What the stand-in answers for one model name: a call of the offered tool, then a final message. */
export interface ChatScript {
	/** The arguments of the tool call, as the model would fill the tool's schema. */
	toolArguments: Record<string, unknown>;
	/** Which offered tool to call; by default the first. */
	toolName?: string;
	/** The answer once the tool's result is among the messages. */
	finalMessage: string;
}

/** One chat completions request as the stand-in received it. */
export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools: ChatTool[];
	at: string;
}

export interface ChatMessage {
	role: string;
	content?: unknown;
	tool_call_id?: string;
	[field: string]: unknown;
}

export interface ChatTool {
	type: string;
	function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

/**
 * A scripted OpenAI-compatible chat model: no language, only the two turns an agent test needs.
 * Scripts are per model name, so tests that share the sandbox do not share a conversation.
 */
export class ChatModel {
	readonly requests: ChatRequest[] = [];
	private readonly scripts = new Map<string, ChatScript>();

	script(model: string, script: ChatScript): void {
		this.scripts.set(model, script);
	}

	models(): string[] {
		return [...this.scripts.keys()];
	}

	requestsFor(model: string): ChatRequest[] {
		return this.requests.filter((request) => request.model === model);
	}

	/** The content of the tool results the model was sent, in order. */
	toolResults(model: string): unknown[] {
		const last = this.requestsFor(model).at(-1);
		return (last?.messages ?? []).filter((m) => m.role === 'tool').map((m) => m.content);
	}

	complete(body: unknown): Record<string, unknown> {
		const request = chatRequest(body);
		this.requests.push(request);
		const script = this.scripts.get(request.model);
		if (!script) throw new ApiError(404, 'model_not_found', `No script for model ${request.model}`);
		const answered = request.messages.some((message) => message.role === 'tool');
		return completion(
			request.model,
			this.requests.length,
			answered ? { content: script.finalMessage } : { toolCall: toolCall(request, script) },
		);
	}
}

function chatRequest(body: unknown): ChatRequest {
	const fields = objectBody(body);
	if (fields.stream === true) {
		throw new ApiError(400, 'stream_unsupported', 'The stand-in answers only without streaming');
	}
	if (typeof fields.model !== 'string' || !Array.isArray(fields.messages)) {
		throw new ApiError(400, 'invalid_request', 'model and messages are required');
	}
	return {
		model: fields.model,
		messages: fields.messages as ChatMessage[],
		tools: Array.isArray(fields.tools) ? (fields.tools as ChatTool[]) : [],
		at: new Date().toISOString(),
	};
}

function toolCall(request: ChatRequest, script: ChatScript): { name: string; arguments: string } {
	const names = request.tools.map((tool) => tool.function.name);
	const name = script.toolName ?? names[0];
	if (name === undefined || !names.includes(name)) {
		throw new ApiError(
			400,
			'tool_not_offered',
			`The script calls ${name ?? 'a tool'}; offered: ${names.join(', ') || 'none'}`,
		);
	}
	return { name, arguments: JSON.stringify(script.toolArguments) };
}

function completion(
	model: string,
	sequence: number,
	answer: { content: string } | { toolCall: { name: string; arguments: string } },
): Record<string, unknown> {
	const message =
		'content' in answer
			? { role: 'assistant', content: answer.content }
			: {
					role: 'assistant',
					content: null,
					tool_calls: [{ id: `call_${sequence}`, type: 'function', function: answer.toolCall }],
				};
	return {
		id: `chatcmpl-${sequence}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [
			{
				index: 0,
				message,
				finish_reason: 'content' in answer ? 'stop' : 'tool_calls',
			},
		],
		usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
	};
}

/** OpenAI's paths below its `/v1`: the completions and the model list the credential test reads. */
export function mountChatModel(router: Router, model: ChatModel): void {
	router.add('POST', '/chat/completions', (req) => ({
		status: 200,
		body: model.complete(req.body),
	}));
	router.add('GET', '/models', () => ({
		status: 200,
		body: {
			object: 'list',
			data: model.models().map((id) => ({ id, object: 'model', owned_by: 'sandbox' })),
		},
	}));
}
