// bloomfilter 1.1.0 ships no types (its @types package describes the older CommonJS 0.0.x API).
declare module "bloomfilter" {
  export class BloomFilter {
    /** `m` bits and `k` hash functions. */
    constructor(m: number, k: number);
    /** A filter sized for `n` entries at false-positive rate `error`. */
    static withTargetError(n: number, error: number): BloomFilter;
    add(value: string): void;
    test(value: string): boolean;
  }
}
