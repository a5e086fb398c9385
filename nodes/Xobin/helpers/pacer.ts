// Paces parallel requests to Xobin: at most `concurrency` at once, and when Xobin pushes back
// (429 / 503) everyone pauses for the wait it asked for and the number in flight halves, then
// creeps back up with each success. A rate-limited run settles at the pace Xobin accepts.

import { sleep } from 'n8n-workflow';

const POLL_MS = 20;

export class AdaptivePacer {
	private limit: number;

	private active = 0;

	private pausedUntil = 0;

	constructor(private readonly maxConcurrency: number) {
		this.limit = maxConcurrency;
	}

	/** Waits for a free slot (and the end of any pause), then takes it. Pair with release(). */
	async acquire(): Promise<void> {
		for (;;) {
			const pauseLeft = this.pausedUntil - Date.now();
			if (pauseLeft > 0) {
				await sleep(pauseLeft);
			} else if (this.active < Math.floor(this.limit)) {
				this.active++;
				return;
			} else {
				await sleep(POLL_MS);
			}
		}
	}

	release(): void {
		this.active--;
	}

	/** Xobin said "later": pause everyone, and halve the pace once per pause. */
	onBusy(waitMs: number): void {
		const now = Date.now();
		if (now >= this.pausedUntil) this.limit = Math.max(1, this.limit / 2);
		this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);
	}

	/** A success earns back one slot per "limit" successes (additive increase). */
	onSuccess(): void {
		this.limit = Math.min(this.maxConcurrency, this.limit + 1 / this.limit);
	}

	get currentLimit(): number {
		return Math.floor(this.limit);
	}
}

/** Runs `work(index)` for indexes 0..count-1 with `workers` running at once, starting in order. */
export async function forEachInPool(
	count: number,
	workers: number,
	work: (index: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const index = next++;
			await work(index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, count)) }, worker));
}
