//! MT19937, the Mersenne Twister behind CPython's `random`: the same seeding
//! (`init_genrand`, `init_by_array`), twist and tempering, so that a seed
//! gives CPython's exact sequence.

/// Words of state.
pub const N: usize = 624;
/// The twist's middle offset.
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// A generator: 624 words and the index of the next word to temper (`N`
/// means the words are used up and the next draw twists first).
#[derive(Clone)]
pub struct Mt19937 {
    pub state: [u32; N],
    pub index: usize,
}

impl Mt19937 {
    /// `init_genrand(s)`: the state filled from one 32-bit seed.
    fn from_u32(s: u32) -> Mt19937 {
        let mut state = [0u32; N];
        state[0] = s;
        for i in 1..N {
            let prev = state[i - 1];
            state[i] = 1_812_433_253u32.wrapping_mul(prev ^ (prev >> 30)).wrapping_add(i as u32);
        }
        Mt19937 { state, index: N }
    }

    /// `init_by_array(key)`: what `random.seed(n)` uses, with `key` the
    /// 32-bit words of `abs(n)`, least significant first (`[0]` for 0).
    pub fn from_key(key: &[u32]) -> Mt19937 {
        let mut g = Mt19937::from_u32(19_650_218);
        let mt = &mut g.state;
        let key = if key.is_empty() { &[0][..] } else { key };
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
        g
    }

    /// Regenerates all 624 words.
    fn twist(&mut self) {
        let mt = &mut self.state;
        let mix = |hi: u32, lo: u32| {
            let y = (hi & UPPER_MASK) | (lo & LOWER_MASK);
            (y >> 1) ^ if y & 1 == 1 { MATRIX_A } else { 0 }
        };
        for k in 0..N {
            mt[k] = mt[(k + M) % N] ^ mix(mt[k], mt[(k + 1) % N]);
        }
        self.index = 0;
    }

    /// `genrand_uint32`: the next tempered 32-bit output.
    pub fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random()`: 53 random bits from two outputs (27 + 26 bits) as a
    /// float in [0, 1).
    pub fn random(&mut self) -> f64 {
        let a = f64::from(self.next_u32() >> 5);
        let b = f64::from(self.next_u32() >> 6);
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// `getrandbits(k)` for `k > 0` as 32-bit words, least significant
    /// first: one output per word, the last one shifted right to keep only
    /// the bits still needed.
    pub fn random_words(&mut self, k: u32) -> Vec<u32> {
        let words = k.div_ceil(32);
        (0..words)
            .map(|w| {
                let r = self.next_u32();
                let left = k - 32 * w;
                if left < 32 {
                    r >> (32 - left)
                } else {
                    r
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_outputs_of_init_by_array() {
        // The first outputs of the reference implementation's test program.
        let mut g = Mt19937::from_key(&[0x123, 0x234, 0x345, 0x456]);
        let got: Vec<u32> = (0..5).map(|_| g.next_u32()).collect();
        assert_eq!(got, [1_067_595_299, 955_945_823, 477_289_528, 4_107_218_783, 4_228_976_476]);
    }

    #[test]
    fn getrandbits_words_shift_the_last_word() {
        let mut a = Mt19937::from_key(&[7]);
        let mut b = a.clone();
        let words = a.random_words(40);
        assert_eq!(words, [b.next_u32(), b.next_u32() >> 24]);
    }
}
