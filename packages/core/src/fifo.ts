// A growable first-in first-out ring of integers (traveller indices), with indexed access so
// queue positions can be read without removing anyone.

export class Fifo {
  private items = new Int32Array(16);
  private head = 0;
  size = 0;

  push(v: number): void {
    if (this.size === this.items.length) {
      const next = new Int32Array(this.items.length * 2);
      for (let k = 0; k < this.size; k++) next[k] = this.items[(this.head + k) % this.items.length]!;
      this.items = next;
      this.head = 0;
    }
    this.items[(this.head + this.size++) % this.items.length] = v;
  }

  shift(): number {
    if (this.size === 0) throw new Error('shift from an empty queue');
    const v = this.items[this.head]!;
    this.head = (this.head + 1) % this.items.length;
    this.size--;
    return v;
  }

  /** Removes and returns the k-th item from the front, keeping the others in order (O(k)). */
  removeAt(k: number): number {
    if (k < 0 || k >= this.size) throw new RangeError(`no item ${k} in a queue of ${this.size}`);
    const n = this.items.length;
    const v = this.items[(this.head + k) % n]!;
    for (let i = k; i > 0; i--) this.items[(this.head + i) % n] = this.items[(this.head + i - 1) % n]!;
    this.head = (this.head + 1) % n;
    this.size--;
    return v;
  }

  /** The k-th item from the front (0 = front). */
  at(k: number): number {
    return this.items[(this.head + k) % this.items.length]!;
  }
}
