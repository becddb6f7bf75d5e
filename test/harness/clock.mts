/** A clock the test moves by hand, for code that takes a `now` function. */
export function clock(start = 0) {
	let now = start;
	return { now: () => now, advance: (ms: number) => void (now += ms) };
}
