// The few DOM types that the callbacks run in the page (evaluate, waitForFunction) use, reached
// as `(globalThis as unknown as PageWindow)`: the test program is typed for Node without the DOM
// library, whose fetch types clash with Node's. A callback is sent to the page as source text, so
// it can use these types but no value imported from here.
export interface Box {
	left: number;
	right: number;
	width: number;
}

export interface PageElement {
	clientWidth: number;
	scrollWidth: number;
	textContent: string | null;
	getClientRects(): ArrayLike<Box>;
	getBoundingClientRect(): Box;
}

export interface PageText {
	textContent: string | null;
	parentElement: PageElement | null;
}

export interface PageImage {
	complete: boolean;
	naturalWidth: number;
	currentSrc: string;
	src: string;
}

export interface PageWindow {
	document: {
		images: ArrayLike<PageImage>;
		createTreeWalker(root: PageElement, whatToShow: number): { nextNode(): PageText | null };
		createRange(): { selectNodeContents(node: PageText): void; getClientRects(): ArrayLike<Box> };
		querySelectorAll(selector: string): ArrayLike<PageElement>;
	};
	localStorage: { setItem(key: string, value: string): void };
}
