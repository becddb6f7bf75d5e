// Markdown read the way GitHub renders it, for the tests that keep the documents in step: the
// anchors a page offers, its links, and the commands in its shell blocks.

const FENCE = /^```([\w-]*)\n([\s\S]*?)^```$/gm;

/** The text with its fenced blocks blanked (offsets kept), where `#` starts no heading. */
export function withoutFences(markdown: string): string {
	return markdown.replace(FENCE, (block) => block.replace(/[^\n]/g, ' '));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen. */
export function slug(heading: string): string {
	return heading
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

/** The headings, in order, as written after the `#`s. */
export function headings(markdown: string): string[] {
	return [...withoutFences(markdown).matchAll(/^#{1,6} (.+)$/gm)].map(([, text]) => text!.trim());
}

/**
 * Every anchor the page offers: each heading's slug (a repeated one gets `-1`, `-2`, … as on
 * GitHub) and each `<a id="…">`.
 */
export function anchors(markdown: string): Set<string> {
	const seen = new Map<string, number>();
	const found = new Set<string>();
	for (const heading of headings(markdown)) {
		const base = slug(heading);
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		found.add(count === 0 ? base : `${base}-${count}`);
	}
	for (const [, id] of markdown.matchAll(/<a id="([^"]+)"><\/a>/g)) found.add(id!);
	return found;
}

/** The targets of the page's links and images, outside code, as written. */
export function linkTargets(markdown: string): string[] {
	const prose = withoutFences(markdown).replace(/`[^`\n]*`/g, '');
	return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => target!);
}

/**
 * The commands of the page's `sh` blocks, one per `&&` or line, comments dropped, each as its
 * words: `npm ci && npm run build` is `[['npm', 'ci'], ['npm', 'run', 'build']]`.
 */
export function shellCommands(markdown: string): string[][] {
	return [...markdown.matchAll(FENCE)]
		.filter(([, language]) => ['sh', 'bash', 'shell'].includes(language!))
		.flatMap(([, , body]) => body!.split('\n'))
		.flatMap((line) => line.replace(/(^|\s)#.*$/, '').split('&&'))
		.map((command) => command.trim().split(/\s+/))
		.filter((words) => words[0] !== '');
}

/** The level-2 sections: each `## ` heading with the text up to the next one. */
export function sections(markdown: string): Array<{ heading: string; body: string }> {
	const prose = withoutFences(markdown);
	const starts = [...prose.matchAll(/^## (.+)$/gm)];
	return starts.map((match, i) => ({
		heading: match[1]!.trim(),
		body: markdown.slice(match.index, starts[i + 1]?.index ?? markdown.length),
	}));
}
