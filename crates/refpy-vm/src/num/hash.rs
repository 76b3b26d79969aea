//! Python hashes of str, bytes, tuple and plain objects, bit-for-bit equal to CPython 3.11
//! on a 64-bit little-endian build.

use siphasher::sip::SipHasher13;

/// CPython's `_Py_HashSecret` key for `PYTHONHASHSEED=seed`.
///
/// Seed 0 disables randomisation: the key is all zeros. Any other seed fills the secret
/// with a 32-bit linear congruential generator (`x = x*214013 + 2531011`, each byte is
/// `(x >> 16) & 0xff`); the SipHash key is its first 16 bytes. CPython only accepts
/// seeds up to 4294967295; larger values are truncated to 32 bits here.
pub fn hash_secret_from_seed(seed: u64) -> [u8; 16] {
    let mut key = [0u8; 16];
    if seed == 0 {
        return key;
    }
    let mut x = seed as u32;
    for b in key.iter_mut() {
        x = x.wrapping_mul(214_013).wrapping_add(2_531_011);
        *b = ((x >> 16) & 0xff) as u8;
    }
    key
}

/// SipHash-1-3 of raw bytes with CPython's conventions: empty input hashes to 0
/// (`Py_HASH_CUTOFF` is 0, so no small-input special case), and -1 becomes -2.
pub fn bytes_hash(data: &[u8], key: [u8; 16]) -> i64 {
    if data.is_empty() {
        return 0;
    }
    let h = SipHasher13::new_with_key(&key).hash(data) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(s)` for a str: SipHash-1-3 over the PEP 393 representation CPython stores
/// (Latin-1 bytes if every code point is below 256, else UCS-2 little-endian if all are
/// below 65536, else UCS-4 little-endian).
pub fn str_hash(s: &str, key: [u8; 16]) -> i64 {
    let max = s.chars().map(u32::from).max().unwrap_or(0);
    if max < 0x80 {
        return bytes_hash(s.as_bytes(), key);
    }
    let data: Vec<u8> = if max < 0x100 {
        s.chars().map(|c| c as u32 as u8).collect()
    } else if max < 0x10000 {
        s.chars().flat_map(|c| (c as u32 as u16).to_le_bytes()).collect()
    } else {
        s.chars().flat_map(|c| (c as u32).to_le_bytes()).collect()
    };
    bytes_hash(&data, key)
}

const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

/// Incremental form of CPython 3.8+'s xxHash-based tuple hash, for callers that compute
/// item hashes one at a time (an item's `__hash__` may raise).
#[derive(Debug, Clone, Copy)]
pub struct TupleHasher {
    acc: u64,
    len: u64,
}

impl Default for TupleHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl TupleHasher {
    /// Starts an empty tuple hash.
    pub fn new() -> Self {
        TupleHasher { acc: XXPRIME_5, len: 0 }
    }

    /// Mixes in the next item's hash.
    pub fn add(&mut self, item_hash: i64) {
        let lane = item_hash as u64;
        self.acc = self.acc.wrapping_add(lane.wrapping_mul(XXPRIME_2));
        self.acc = self.acc.rotate_left(31);
        self.acc = self.acc.wrapping_mul(XXPRIME_1);
        self.len += 1;
    }

    /// The tuple's hash (-1 is mapped to 1546275796, as CPython does).
    pub fn finish(&self) -> i64 {
        let acc = self.acc.wrapping_add(self.len ^ (XXPRIME_5 ^ 3_527_539));
        if acc == u64::MAX {
            1_546_275_796
        } else {
            acc as i64
        }
    }
}

/// `hash(t)` for a tuple given its items' hashes.
pub fn tuple_hash(item_hashes: &[i64]) -> i64 {
    let mut h = TupleHasher::new();
    for &x in item_hashes {
        h.add(x);
    }
    h.finish()
}

/// Default `object.__hash__` (`_Py_HashPointer`): the address rotated right by 4 bits
/// (objects are 16-byte aligned, so the low bits carry no information); -1 → -2.
pub fn pointer_hash(addr: usize) -> i64 {
    let h = (addr as u64).rotate_right(4) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

#[cfg(test)]
#[path = "tests_hash.rs"]
mod tests;
