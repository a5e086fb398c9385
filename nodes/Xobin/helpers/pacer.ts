// Paces parallel requests to Xobin: at most `concurrency` at once. When Xobin pushes back (429 or
// 503) everyone pauses for the wait it asked for and the number in flight halves, then creeps back
// up with each success, so a rate-limited run settles at the pace Xobin accepts.

import { sleep } from 'n8n-workflow';

import type { Pacer } from '../transport/types';

export class AdaptivePacer implements Pacer {
	private limit = this.maxConcurrency;
	private active = 0;
	private pausedUntil = 0;
	private sleeping = false;
	private closedWith: Error | undefined;
	private readonly waiting: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];

	constructor(private readonly maxConcurrency: number) {}

	/** Waits for a free slot (and the end of any pause), then takes it. Pair with release(). */
	async acquire(): Promise<void> {
		if (this.closedWith) throw this.closedWith;
		const granted = new Promise<void>((resolve, reject) => this.waiting.push({ resolve, reject }));
		this.wake();
		await granted;
	}

	release(): void {
		this.active--;
		this.wake();
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

	/** No request starts any more: waiting and later acquire() calls reject with `reason`. */
	close(reason: Error): void {
		this.closedWith = reason;
		for (const waiter of this.waiting.splice(0)) waiter.reject(reason);
	}

	/** Hands free slots to waiters in order; during a pause, one sleep wakes them when it ends. */
	private wake(): void {
		while (this.waiting.length > 0 && this.active < Math.floor(this.limit)) {
			const pauseLeft = this.pausedUntil - Date.now();
			if (pauseLeft > 0) {
				void this.wakeAfter(pauseLeft);
				return;
			}
			this.active++;
			this.waiting.shift()?.resolve();
		}
	}

	private async wakeAfter(ms: number): Promise<void> {
		if (this.sleeping) return;
		this.sleeping = true;
		await sleep(ms);
		this.sleeping = false;
		this.wake();
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
