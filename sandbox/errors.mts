/** An API answer other than success, rendered as the assumed `{ error: { code, message } }` body. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly headers: Record<string, string> = {},
	) {
		super(message);
	}
}

export const notFound = (what: string, id: string) =>
	new ApiError(404, 'not_found', `${what} ${id} does not exist`);

export const invalid = (message: string) => new ApiError(422, 'validation_error', message);

export function errorBody(err: ApiError) {
	return { error: { code: err.code, message: err.message } };
}
